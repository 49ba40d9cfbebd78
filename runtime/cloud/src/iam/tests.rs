//! The mock IAM driven through `Iam::call` as boto3 would.

use super::*;
use crate::env::Ids;

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const BASIC: &str = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

struct Fx {
    iam: Iam,
    ids: Ids,
}

impl Fx {
    fn new() -> Fx {
        Fx { iam: Iam::default(), ids: Ids::new(1) }
    }
    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(1_768_478_400_000, &mut self.ids);
        self.iam.call(op, Params(&params), &mut env)
    }
    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }
    fn err(&mut self, op: &str, params: Value) -> AwsError {
        self.call(op, params).expect_err(op)
    }
}

#[test]
fn create_role_answers_the_trust_policy_as_a_dict() {
    let mut fx = Fx::new();
    let v = fx.ok("CreateRole", json!({"RoleName": "lambda-ex", "AssumeRolePolicyDocument": TRUST}));
    let role = &v["Role"];
    assert_eq!(role["Arn"], "arn:aws:iam::123456789012:role/lambda-ex");
    assert_eq!(role["Path"], "/");
    assert!(role["RoleId"].as_str().unwrap().starts_with("AROA") && role["RoleId"].as_str().unwrap().len() == 21);
    assert_eq!(role["CreateDate"], json!({"$timestamp": 1_768_478_400_000_i64}));
    assert_eq!(role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"], "lambda.amazonaws.com");
    let got = fx.ok("GetRole", json!({"RoleName": "lambda-ex"}));
    assert_eq!(got["Role"]["MaxSessionDuration"], 3600);
    assert_eq!(got["Role"]["RoleLastUsed"], json!({}));
    assert!(fx.iam.role_by_arn("arn:aws:iam::123456789012:role/lambda-ex").unwrap().trusts_service("lambda.amazonaws.com"));
}

#[test]
fn duplicate_missing_and_malformed_roles_get_iams_errors() {
    let mut fx = Fx::new();
    fx.ok("CreateRole", json!({"RoleName": "r", "AssumeRolePolicyDocument": TRUST}));
    let e = fx.err("CreateRole", json!({"RoleName": "R", "AssumeRolePolicyDocument": TRUST}));
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), ("EntityAlreadyExists", "Role with name R already exists.", 409));
    let e = fx.err("GetRole", json!({"RoleName": "nope"}));
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), ("NoSuchEntity", "The role with name nope cannot be found.", 404));
    assert_eq!(e.response()["Error"]["Type"], "Sender");
    let e = fx.err("CreateRole", json!({"RoleName": "x", "AssumeRolePolicyDocument": "{bad"}));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("MalformedPolicyDocument", "This policy contains invalid Json"));
    let e = fx.err("CreateRole", json!({"RoleName": "bad name", "AssumeRolePolicyDocument": TRUST}));
    assert_eq!(e.code, "ValidationError");
}

#[test]
fn trust_needs_an_allow_for_the_service_and_assume_role() {
    let mut fx = Fx::new();
    let ec2 = TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com");
    let listed = r#"{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]},"Action":["sts:AssumeRole"]}}"#;
    let denied = TRUST.replace("Allow", "Deny");
    for (name, doc, trusts) in [("ec2", ec2.as_str(), false), ("both", listed, true), ("deny", denied.as_str(), false)] {
        fx.ok("CreateRole", json!({"RoleName": name, "AssumeRolePolicyDocument": doc}));
        assert_eq!(fx.iam.role(name).unwrap().trusts_service("lambda.amazonaws.com"), trusts, "{name}");
    }
}

#[test]
fn managed_and_inline_policies_attach_list_and_block_deletion() {
    let mut fx = Fx::new();
    fx.ok("CreateRole", json!({"RoleName": "r", "AssumeRolePolicyDocument": TRUST}));
    fx.ok("AttachRolePolicy", json!({"RoleName": "r", "PolicyArn": BASIC}));
    let v = fx.ok("ListAttachedRolePolicies", json!({"RoleName": "r"}));
    assert_eq!(v["AttachedPolicies"], json!([{"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyArn": BASIC}]));
    let e = fx.err("AttachRolePolicy", json!({"RoleName": "r", "PolicyArn": "arn:aws:iam::aws:policy/Nope"}));
    assert_eq!(e.message, "Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    fx.ok("PutRolePolicy", json!({"RoleName": "r", "PolicyName": "read", "PolicyDocument": doc}));
    let v = fx.ok("GetRolePolicy", json!({"RoleName": "r", "PolicyName": "read"}));
    assert_eq!(v["PolicyDocument"]["Statement"][0]["Action"], "s3:GetObject");
    assert_eq!(fx.ok("ListRolePolicies", json!({"RoleName": "r"}))["PolicyNames"], json!(["read"]));
    assert_eq!(fx.err("GetRolePolicy", json!({"RoleName": "r", "PolicyName": "q"})).message, "The role policy with name q cannot be found.");
    let e = fx.err("DeleteRole", json!({"RoleName": "r"}));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("DeleteConflict", "Cannot delete entity, must detach all policies first."));
    fx.ok("DetachRolePolicy", json!({"RoleName": "r", "PolicyArn": BASIC}));
    assert_eq!(fx.err("DetachRolePolicy", json!({"RoleName": "r", "PolicyArn": BASIC})).message, format!("Policy {BASIC} was not found."));
    assert_eq!(fx.err("DeleteRole", json!({"RoleName": "r"})).message, "Cannot delete entity, must delete policies first.");
    fx.ok("DeleteRolePolicy", json!({"RoleName": "r", "PolicyName": "read"}));
    fx.ok("DeleteRole", json!({"RoleName": "r"}));
    assert!(fx.iam.role("r").is_none());
}

#[test]
fn customer_policies_have_versions_and_documents() {
    let mut fx = Fx::new();
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#;
    let v = fx.ok("CreatePolicy", json!({"PolicyName": "queues", "PolicyDocument": doc}));
    let arn = v["Policy"]["Arn"].as_str().unwrap().to_owned();
    assert_eq!(arn, "arn:aws:iam::123456789012:policy/queues");
    assert_eq!(v["Policy"]["DefaultVersionId"], "v1");
    fx.ok("CreateRole", json!({"RoleName": "r", "AssumeRolePolicyDocument": TRUST}));
    fx.ok("AttachRolePolicy", json!({"RoleName": "r", "PolicyArn": arn}));
    assert_eq!(fx.ok("GetPolicy", json!({"PolicyArn": arn}))["Policy"]["AttachmentCount"], 1);
    let pv = fx.ok("GetPolicyVersion", json!({"PolicyArn": arn, "VersionId": "v1"}));
    assert_eq!(pv["PolicyVersion"]["Document"]["Statement"][0]["Action"], "sqs:*");
    assert_eq!(fx.iam.policy_document(BASIC).unwrap()["Version"], "2012-10-17");
    let aws = fx.ok("GetPolicy", json!({"PolicyArn": BASIC}));
    assert_eq!(aws["Policy"]["Path"], "/service-role/");
    let e = fx.err("DeletePolicy", json!({"PolicyArn": arn}));
    assert_eq!(e.code, "DeleteConflict");
}
