// A snapshot in the default place, src/main/dlf, broken in four ways.
def write = { String path, String text ->
    def file = new File(basedir, 'src/main/dlf/' + path)
    file.parentFile.mkdirs()
    file.setText(text, 'UTF-8')
}
write('jobs/dws_daily.job', '''{
  "name": "dws_daily",
  "processType": "BATCH",
  "schedule": {"type": "CRON", "cron": {"expression": "0 0 2 * *"}},
  "params": [{"name": "db_password", "value": "hunter2"}],
  "nodes": [
    {"name": "load", "preNodeName": ["publish"], "properties": [{"name": "scriptName", "value": "missing_sql"}]},
    {"name": "publish", "preNodeName": ["load"], "properties": []}
  ]
}
''')
write('scripts/other.script', '{"name": "other", "type": "HiveSQL", "content": "select 1"}\n')
return true
