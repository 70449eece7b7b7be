// Where the bot may send: an activity's serviceUrl is the address the bot calls back (with its
// Bot Framework token), so a forged one would make the bot post to, and authenticate against, a
// host of the sender's choosing. Only Microsoft's Bot Framework service hosts are called; local
// mode calls only this machine.

/** Microsoft's Teams Bot Framework service hosts: the public cloud, GCC, GCC High and DoD. */
export const MICROSOFT_SERVICE_URL_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
] as const;

export interface ServiceUrlPolicy {
  /** Local mode: this machine only (the Playground, tests). */
  loopbackOnly: boolean;
  /** Host names the bot may call (ignored in local mode). */
  hosts: ReadonlySet<string>;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why the bot may not call this service URL, else null. https is required except on this machine. */
export function serviceUrlProblem(serviceUrl: string, policy: ServiceUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'the service URL is not a URL';
  }
  const loopback = isLoopbackHost(url.hostname);
  if (policy.loopbackOnly) return loopback && ['http:', 'https:'].includes(url.protocol) ? null : 'local mode answers only a service URL on this machine';
  if (!policy.hosts.has(url.hostname.toLowerCase())) return 'the service URL is not a Bot Framework service host';
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return 'the service URL must use https';
  return null;
}
