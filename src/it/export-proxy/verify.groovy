def server = System.properties.remove('it.proxy.server')
def forwarded = System.properties.remove('it.proxy.forwarded')
server?.close()
def log = new File(basedir, 'build.log').text
def exports = forwarded.findAll { it.startsWith('POST http://127.0.0.1:') && it.endsWith('/export') }
assert exports.size() == 2 : forwarded
assert forwarded.count { it.startsWith('407 POST') } == 2 : forwarded
assert log =~ /\[INFO\] Exported 2 jobs: 5 files/
assert !log.contains('it-proxy-password')
return true
