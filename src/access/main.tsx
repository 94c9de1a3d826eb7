/// <reference types="vite/client" />
/** First-run page: how much Cookie Audit may see. */
import { render } from 'preact';
import '../ui/styles.css';
import '../options/options.css';
import { WelcomePage } from './components/Access.tsx';
import { AccessConnector } from './connector.ts';

const root = document.getElementById('app');
if (root) render(<WelcomePage actions={new AccessConnector()} />, root);
