/// <reference types="vite/client" />
/** Full-page report entry: every site seen in this browser session. */
import { render } from 'preact';
import '../ui/styles.css';
import { Connector } from '../ui/connect/connector.ts';
import { ReportApp } from './components/Report.tsx';

const root = document.getElementById('app');
if (root) render(<ReportApp actions={new Connector()} />, root);
