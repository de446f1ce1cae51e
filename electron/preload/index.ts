import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

// Sandboxed preload: the page sees window.xinfang = { invoke, on } and nothing of Electron or Node.
contextBridge.exposeInMainWorld('xinfang', createBridge(ipcRenderer));
