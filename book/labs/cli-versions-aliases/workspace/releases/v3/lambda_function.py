RELEASE = "v3"


def lambda_handler(event, context):
    name = event.get("name", "world")
    print(f"{RELEASE} greeting {name} as version {context.function_version}")
    return {"release": RELEASE, "message": f"Welcome back, {name}!"}
