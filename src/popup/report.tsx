/// <reference types="vite/client" />
/** Full-page report entry: every site seen in this browser session. */
import { render } from 'preact';
import './popup.css';
import { ReportApp } from './components/Report.tsx';
import { Connector } from './connector.ts';

const root = document.getElementById('app');
if (root) render(<ReportApp actions={new Connector()} />, root);
