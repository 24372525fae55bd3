// Entry of the projector screen (served at /screen).
import { initI18n } from '../shared/i18n/translator.js';
import { en, nl } from './catalogue.js';
import './screen-app.js';

initI18n({ nl, en });
document.body.append(document.createElement('screen-app'));
