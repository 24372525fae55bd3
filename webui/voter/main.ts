// Entry of the voter app (served at /).
import { initI18n } from '../shared/i18n/translator.js';
import { en, nl } from './catalogue.js';
import './voter-app.js';

initI18n({ nl, en });
document.body.append(document.createElement('voter-app'));
