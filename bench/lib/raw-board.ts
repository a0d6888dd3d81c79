import WebSocket from 'ws';

/**
 * A board as the server sees it, without the board's work: one WebSocket speaking the
 * Socket.IO wire protocol (Engine.IO v4) far enough to join, answer pings and note when
 * each `service:update` arrives, by its seq, without decoding the services. A thousand
 * real clients each decoding a storm's 500 services would measure the load generator
 * sharing the machine, not the server's fan-out.
 */
export function openRawBoard(
  url: string,
  handlers: { snapshot(): void; update(seq: number, at: number): void; failed(reason: string): void; closed(): void },
): { close(): void } {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  let joined = false;
  let closing = false;
  // A compressed delta is a header naming its seq, then its gzip bytes as a binary frame:
  // it has arrived with the bytes.
  let awaitingBytesOf: number | null = null;
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      if (awaitingBytesOf !== null) handlers.update(awaitingBytesOf, Date.now());
      awaitingBytesOf = null;
      return;
    }
    // Only the head (ws hands over a Buffer): a storm's plain delta can be long.
    const text = (data as Buffer).subarray(0, 200).toString();
    if (text === '2')
      socket.send('3'); // Engine.IO ping → pong
    else if (text.startsWith('0'))
      socket.send('40'); // opened → join the default namespace
    else if (text.startsWith('42["service:update"')) {
      const seq = /"seq":(\d+)/.exec(text);
      if (seq) handlers.update(Number(seq[1]), Date.now());
    } else if (text.startsWith('451-["service:update"')) {
      const seq = /"seq":(\d+)/.exec(text);
      if (seq) awaitingBytesOf = Number(seq[1]);
    } else if (!joined && /^45\d-\["snapshot"/.test(text)) {
      joined = true;
      handlers.snapshot();
    }
  });
  socket.on('error', (error) => {
    if (!joined) handlers.failed(error.message);
  });
  socket.on('close', () => {
    if (joined && !closing) handlers.closed();
  });
  return {
    close() {
      closing = true;
      socket.close();
    },
  };
}
