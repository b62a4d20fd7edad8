// A forward proxy on loopback that demands Basic authentication, forwards plain HTTP to loopback only,
// and records the request lines it forwarded.
def expected = 'Basic ' + 'builder:it-proxy-password'.bytes.encodeBase64().toString()
def forwarded = Collections.synchronizedList([])
def server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())

def readLine = { InputStream input ->
    def line = new ByteArrayOutputStream()
    int c
    while ((c = input.read()) != -1 && c != 10) {
        if (c != 13) line.write(c)
    }
    c == -1 && line.size() == 0 ? null : line.toString('ISO-8859-1')
}
def serve = { Socket client ->
    client.withCloseable {
        def input = new BufferedInputStream(client.inputStream)
        def output = client.outputStream
        String requestLine = readLine(input)
        if (!requestLine) return
        def headers = [:]
        for (String line = readLine(input); line; line = readLine(input)) {
            int colon = line.indexOf(':')
            headers[line.substring(0, colon).trim().toLowerCase()] = line.substring(colon + 1).trim()
        }
        byte[] body = input.readNBytes((headers['content-length'] ?: '0') as int)
        if (headers['proxy-authorization'] != expected) {
            forwarded << ('407 ' + requestLine)
            output.write('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="it"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'.getBytes('ISO-8859-1'))
            output.flush()
            return
        }
        def (method, target) = requestLine.split(' ')
        def uri = new URI(target)
        if (!InetAddress.getByName(uri.host).loopbackAddress) return
        forwarded << (method + ' ' + target)
        new Socket(uri.host, uri.port).withCloseable { upstream ->
            def request = new StringBuilder("${method} ${uri.rawPath}${uri.rawQuery ? '?' + uri.rawQuery : ''} HTTP/1.1\r\n")
            headers.each { name, value ->
                if (!(name in ['proxy-authorization', 'connection', 'proxy-connection'])) request << "${name}: ${value}\r\n"
            }
            request << 'connection: close\r\n\r\n'
            upstream.outputStream.write(request.toString().getBytes('ISO-8859-1'))
            upstream.outputStream.write(body)
            upstream.outputStream.flush()
            upstream.inputStream.transferTo(output)
            output.flush()
        }
    }
}
def acceptor = new Thread({
    while (!server.closed) {
        try {
            Socket client = server.accept()
            def worker = new Thread({ serve(client) } as Runnable)
            worker.daemon = true
            worker.start()
        } catch (IOException closed) {
            return
        }
    }
} as Runnable)
acceptor.daemon = true
acceptor.start()
System.properties.put('it.proxy.server', server)
System.properties.put('it.proxy.forwarded', forwarded)

// The ITs' own settings (local repository) plus the proxy; nonProxyHosts keeps it off everything but 127.0.0.1.
def settings = new File(basedir, '../interpolated-settings.xml').getText('UTF-8')
def proxies = """
  <proxies>
    <proxy>
      <id>it-proxy</id>
      <active>true</active>
      <protocol>http</protocol>
      <host>127.0.0.1</host>
      <port>${server.localPort}</port>
      <username>builder</username>
      <password>it-proxy-password</password>
      <nonProxyHosts>localhost|*.example.com</nonProxyHosts>
    </proxy>
  </proxies>
</settings>"""
new File(basedir, 'settings-with-proxy.xml').setText(settings.replace('</settings>', proxies), 'UTF-8')
return true
