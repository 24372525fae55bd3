// Entry of the chair console (served at /chair).
import { initI18n } from '../shared/i18n/translator.js';
import { en, nl } from './catalogue.js';
import './chair-app.js';

initI18n({ nl, en });
document.body.append(document.createElement('chair-app'));
