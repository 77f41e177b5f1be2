/** Chooses which of the profile's sample types (cpu/nanoseconds, alloc_space/bytes, …) the views show. */
import type { ValueType } from '../../shared/profile/model';

interface SampleTypePickerProps {
  sampleTypes: ValueType[];
  value: number;
  onChange(sampleType: number): void;
}

export function SampleTypePicker({ sampleTypes, value, onChange }: SampleTypePickerProps) {
  return (
    <label className="sample-type-picker">
      Sample type{' '}
      <select data-testid="sample-type-select" value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {sampleTypes.map((t, index) => (
          <option key={index} value={index}>
            {t.type}/{t.unit}
          </option>
        ))}
      </select>
    </label>
  );
}
