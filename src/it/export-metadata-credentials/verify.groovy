def server = System.properties.remove('it.metadata.server')
def hits = System.properties.remove('it.metadata.hits')
def tokens = System.properties.remove('it.metadata.tokens')
server?.stop(0)
def log = new File(basedir, 'build.log').text
assert hits.get() == 1
assert tokens.get() == 1 : 'the session token was asked for once, as the official SDKs do'
assert !log.contains('it-session-token')
assert log.contains("accepting the credentials from settings.xml server 'it-metadata-keys'")
assert log.contains('with credentials from the instance metadata service (127.0.0.1).')
assert log =~ /\[INFO\] Exported job 'ods_orders_load': 3 files/
assert !log.contains('itMetadataSecretKey')
assert new File(basedir, 'target/dlf/jobs/ods_orders_load.job').isFile()
return true
