// Makes this process trust extra certificate authorities (the sandbox's throwaway CA) for node:https and global fetch.
import https from 'node:https';
import tls from 'node:tls';
import { Agent, setGlobalDispatcher } from 'undici';

const trusted: string[] = [];
let agent: Agent | undefined;

// NODE_EXTRA_CA_CERTS is read only at process start, so a CA made at run time has to be handed to both HTTP stacks:
// node:https (axios, node-fetch) through the global agent, and undici (global fetch: MSAL Node, the Graph client).
export function trustCertificateAuthority(caPem: string): void {
  const pem = caPem.trim();
  if (trusted.includes(pem)) return;
  trusted.push(pem);
  const ca = [...tls.rootCertificates, ...trusted];
  https.globalAgent.options.ca = ca;
  const previous = agent;
  agent = new Agent({ connect: { ca } });
  setGlobalDispatcher(agent);
  // close() lets requests already on the old agent finish before its sockets go.
  void previous?.close();
}
