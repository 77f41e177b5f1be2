/** Entry point: pick the transport, install the debugging hook, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BackendContext } from '../backend/BackendContext';
import { createBackend } from '../backend/createBackend';
import { installFlameDebugHook } from '../profile/flame/debugHook';
import { installViewUrlSync } from './urlSync';
import './styles.css';

// Created once, before anything renders: the HTTP transport takes the session token out of the URL here.
const backend = createBackend();
installFlameDebugHook();
// After createBackend: the token is out of the URL before the view state is written into it.
installViewUrlSync();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <BackendContext.Provider value={backend}>
      <App />
    </BackendContext.Provider>
  </StrictMode>,
);
