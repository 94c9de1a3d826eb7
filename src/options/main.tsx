/// <reference types="vite/client" />
/** Options page entry: loads the settings from the background and renders the form. */
import { render } from 'preact';
import '../ui/styles.css';
import './options.css';
import { SiteAccessSection } from '../access/components/Access.tsx';
import { AccessConnector } from '../access/connector.ts';
import { OptionsApp } from './components/Options.tsx';
import { OptionsConnector } from './connector.ts';

const root = document.getElementById('app');
if (root) render(<OptionsApp actions={new OptionsConnector()} />, root);
// Site access is the browser's (permissions API), not a stored setting: its own section and root.
const access = document.getElementById('access');
if (access) render(<SiteAccessSection actions={new AccessConnector()} />, access);
