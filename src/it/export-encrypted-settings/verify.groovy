def log = new File(basedir, 'build.log').text
assert log.contains("accepting the credentials from environment (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK)")
assert log.contains("with credentials from settings.xml server 'dlf-encrypted'.")
assert log =~ /\[INFO\] Exported job 'ods_orders_load': 3 files/
assert !log.contains('itEncryptedSecretKey')
assert new File(basedir, 'target/dlf/jobs/ods_orders_load.job').isFile()
