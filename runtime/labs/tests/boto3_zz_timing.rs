mod boto3_support;
use boto3_support::*;
use serde_json::Value;
#[test]
fn timing() {
    let c = cloud();
    for code in ["def lambda_handler(e, c):\n    return 1\n", "import boto3\ndef lambda_handler(e, c):\n    return 1\n", "import boto3\ns3 = boto3.client('s3')\nddb = boto3.resource('dynamodb')\nt = ddb.Table('x')\ndef lambda_handler(e, c):\n    return 1\n", "import boto3\ndef lambda_handler(e, c):\n    return 1\n"] {
        let r = invoke_in(&c, code, Value::Null);
        eprintln!("init {:?} dur {}", r.init_ms, r.duration_ms);
    }
}
