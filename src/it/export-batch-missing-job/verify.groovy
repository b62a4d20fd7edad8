def log = new File(basedir, 'build.log').text
assert (log =~ /Emulator: POST \/v1\/[0-9a-f]+\/jobs\/batch-export -> 400/).count == 1
assert log.contains("Exporting these 3 jobs one by one instead.")
assert log.contains("Export of job 'no_such_job' failed: HTTP 400, DLF.0100: The job does not exists.")
assert !new File(basedir, 'target/dlf').exists()
