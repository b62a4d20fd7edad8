// A stand-in for the instance metadata service on loopback, handing out the key pair the emulator accepts.
import com.sun.net.httpserver.HttpServer

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def hits = new java.util.concurrent.atomic.AtomicInteger()
server.createContext('/openstack/latest/securitykey') { exchange ->
    hits.incrementAndGet()
    byte[] body = ('{"credential":{"access":"ITMETADATAAK00000001","secret":"itMetadataSecretKey000000000000000000000",'
            + '"expires_at":"2999-01-01T00:00:00.000000Z"}}').getBytes('UTF-8')
    exchange.sendResponseHeaders(200, body.length)
    exchange.responseBody.withStream { it.write(body) }
}
// Started from a daemon thread, so its dispatcher is one too: it can never keep this JVM alive.
def starter = new Thread({ server.start() } as Runnable)
starter.daemon = true
starter.start()
starter.join()
System.properties.put('it.metadata.server', server)
System.properties.put('it.metadata.hits', hits)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text =
        "-Ddlf.metadataUrl=http://127.0.0.1:${server.address.port}/openstack/latest/securitykey\n"
return true
