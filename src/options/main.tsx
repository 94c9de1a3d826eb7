/// <reference types="vite/client" />
/** Options page entry: loads the settings from the background and renders the form. */
import { render } from 'preact';
import '../ui/styles.css';
import './options.css';
import { OptionsApp } from './components/Options.tsx';
import { OptionsConnector } from './connector.ts';

const root = document.getElementById('app');
if (root) render(<OptionsApp actions={new OptionsConnector()} />, root);
