/** A request named an item that does not exist or is of another kind (HTTP 404). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
