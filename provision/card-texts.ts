// What a code card says, per language. Two instruction lines per language: join the Wi-Fi, then log in.
export type Language = 'nl' | 'en';

export interface CardTexts {
  wifiCaption: string;
  loginCaption: string;
  passphraseCaption: string;
  weight: string;
  joinWifi: (ssid: string) => string;
  joinNetwork: string;
  /** The address is printed under the login QR code; repeating it here would crowd out the sentence. */
  logIn: (url: string) => string;
}

export const CARD_TEXTS: Record<Language, CardTexts> = {
  nl: {
    wifiCaption: 'Wifi',
    loginCaption: 'Inloggen',
    passphraseCaption: 'Wachtwoord',
    weight: 'Stemgewicht',
    joinWifi: (ssid) => `1. Scan de linker QR-code: uw telefoon maakt verbinding met wifi-netwerk ${ssid}.`,
    joinNetwork: '1. Verbind uw telefoon of laptop met het netwerk van de locatie.',
    logIn: () => '2. Scan de rechter QR-code om te stemmen, of open het adres eronder en typ de code.',
  },
  en: {
    wifiCaption: 'Wi-Fi',
    loginCaption: 'Log in',
    passphraseCaption: 'Password',
    weight: 'Voting weight',
    joinWifi: (ssid) => `1. Scan the left QR code: your phone joins the Wi-Fi network ${ssid}.`,
    joinNetwork: '1. Connect your phone or laptop to the venue network.',
    logIn: () => '2. Scan the right QR code to vote, or open the address below it and type the code.',
  },
};
