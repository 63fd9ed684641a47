/** Text messages to reporters, behind an interface: a gateway adapter in production, logging by default. */
export interface SmsSender {
  /** Sends one message; throws to make the outbox retry. */
  send(phone: string, text: string): Promise<void>;
}

/** The default: writes a line per message with the number masked (no gateway is configured). */
export function loggingSms(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): SmsSender {
  return {
    send: async (phone, text) => write(`sms to ${phone.slice(0, 3)}****${phone.slice(-4)}: ${text}`),
  };
}

/** A recording sender for tests (an outside service, so faking it is allowed). */
export function recordingSms(): SmsSender & { sent: { phone: string; text: string }[] } {
  const sent: { phone: string; text: string }[] = [];
  return { sent, send: async (phone, text) => void sent.push({ phone, text }) };
}
