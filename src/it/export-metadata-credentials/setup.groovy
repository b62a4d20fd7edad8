// A stand-in for the instance metadata service on loopback, as an instance with metadata security switched on
// answers: the key pair the emulator accepts, only to a request carrying a session token from PUT /meta-data/latest/api/token.
import com.sun.net.httpserver.HttpServer

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def hits = new java.util.concurrent.atomic.AtomicInteger()
def tokens = new java.util.concurrent.atomic.AtomicInteger()
def token = 'it-session-token-' + UUID.randomUUID()
server.createContext('/meta-data/latest/api/token') { exchange ->
    int status = exchange.requestMethod == 'PUT' && exchange.requestHeaders.getFirst('X-Metadata-Token-Ttl-Seconds') ? 200 : 400
    if (status == 200) {
        tokens.incrementAndGet()
    }
    byte[] body = (status == 200 ? token : 'PUT with X-Metadata-Token-Ttl-Seconds').getBytes('UTF-8')
    exchange.sendResponseHeaders(status, body.length)
    exchange.responseBody.withStream { it.write(body) }
}
server.createContext('/openstack/latest/securitykey') { exchange ->
    hits.incrementAndGet()
    boolean authorized = exchange.requestHeaders.getFirst('X-Metadata-Token') == token
    byte[] body = (authorized
            ? '{"credential":{"access":"ITMETADATAAK00000001","secret":"itMetadataSecretKey000000000000000000000",' +
              '"expires_at":"2999-01-01T00:00:00.000000Z"}}'
            : '{"message":"metadata token required"}').getBytes('UTF-8')
    exchange.sendResponseHeaders(authorized ? 200 : 401, body.length)
    exchange.responseBody.withStream { it.write(body) }
}
// Started from a daemon thread, so its dispatcher is one too: it can never keep this JVM alive.
def starter = new Thread({ server.start() } as Runnable)
starter.daemon = true
starter.start()
starter.join()
System.properties.put('it.metadata.server', server)
System.properties.put('it.metadata.hits', hits)
System.properties.put('it.metadata.tokens', tokens)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text =
        "-Ddlf.metadataUrl=http://127.0.0.1:${server.address.port}/openstack/latest/securitykey\n"
return true
