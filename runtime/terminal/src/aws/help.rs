//! `aws help`, `aws <service> help` and `aws <service> <operation> help`, generated from the
//! model: the commands there are and the options each takes, with their types.

use super::model::{Model, Service};

/// `aws help`.
pub(crate) fn top(model: &Model) -> String {
    let mut out = String::from("AWS()\n\nNAME\n       aws -\n\nDESCRIPTION\n       The  AWS  Command  Line  Interface is a unified tool to manage your AWS\n       services. In this course it talks to a simulated cloud in your browser.\n\nSYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n\nAVAILABLE SERVICES (simulated)\n");
    for name in model.services.keys() {
        out.push_str(&format!("       o {name}\n\n"));
    }
    out.push_str("       o s3 (ls, cp, mv, rm, mb, rb)\n\n       o configure\n\n");
    out
}

/// `aws <service> help`.
pub(crate) fn service(name: &str, service: &Service) -> String {
    let mut out = format!("{}()\n\nNAME\n       {name} -\n\nAVAILABLE COMMANDS\n", name.to_uppercase());
    for op in service.operations.values() {
        let mark = if op.implemented { "" } else { "  (not simulated)" };
        out.push_str(&format!("       o {}{mark}\n\n", op.cli));
    }
    out
}

/// `aws <service> <operation> help`: the synopsis with each option's type.
pub(crate) fn operation(service_name: &str, op_name: &str, service: &Service) -> String {
    let op = &service.operations[op_name];
    let mut out = format!("{}()\n\nNAME\n       {} -\n\nSYNOPSIS\n            {}\n", op.cli.to_uppercase(), op.cli, op.cli);
    let mut options = String::new();
    if let Some(shape) = op.input.as_deref().and_then(|i| service.shape(i)) {
        for (member, shape_name, cli) in &shape.members {
            let kind = service.shape(shape_name).map(|s| s.kind.as_str()).unwrap_or("string");
            let required = shape.required.contains(member);
            let synopsis = if kind == "boolean" { format!("--{cli} | --no-{cli}") } else { format!("--{cli} <value>") };
            out.push_str(&if required { format!("          {synopsis}\n") } else { format!("          [{synopsis}]\n") });
            let enums = service.shape(shape_name).map(|s| s.enum_values.clone()).unwrap_or_default();
            options.push_str(&format!("       --{cli} ({kind})\n"));
            if !enums.is_empty() {
                options.push_str("          Possible values:\n\n");
                for e in enums {
                    options.push_str(&format!("          o {e}\n\n"));
                }
            }
            options.push('\n');
        }
    }
    if op.output.as_deref().and_then(|o| service.shape(o)).and_then(|s| s.payload.as_ref()).is_some() {
        out.push_str("          <outfile>\n");
        options.push_str("       outfile (string) Filename where the content will be saved\n\n");
    }
    out.push_str(&format!("\nOPTIONS\n{options}"));
    if !op.implemented {
        out.push_str(&format!("NOTE\n       The simulated {service_name} does not implement this operation.\n"));
    }
    out
}
