// node-wifi ships no type declarations; only what we call is declared, and its results are parsed with zod.
declare module 'node-wifi' {
  interface NodeWifi {
    init(options: { iface: string | null; debug?: boolean }): void;
    scan(): Promise<unknown>;
    connect(options: { ssid: string; password: string }): Promise<unknown>;
  }
  const wifi: NodeWifi;
  export default wifi;
}
