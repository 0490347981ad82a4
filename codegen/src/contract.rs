//! The contract read into what the templates need: operations with their
//! builder shape, models, events, codes and constants. Everything a template
//! prints comes from here; a contract that does not fit is an error naming
//! the place, never a silently skipped item.

use serde::Serialize;

use crate::yaml::Yaml;

pub type Result<T> = std::result::Result<T, String>;

#[derive(Debug, Serialize)]
pub struct Contract {
    pub version: String,
    /// The first server's URL: the default base URL.
    pub base_url: String,
    pub constants: Vec<Constant>,
    pub id_prefixes: Vec<Named>,
    pub key_prefixes: Vec<Named>,
    pub operations: Vec<Operation>,
    /// API objects (responses, events): open, read leniently.
    pub models: Vec<Model>,
    /// Request bodies with a validator, and the sizing parameters.
    pub inputs: Vec<Model>,
    /// What the SDK returns (reports, plans, ...).
    pub results: Vec<Model>,
    /// String enumerations of the API.
    pub enums: Vec<Enum>,
    pub events: Vec<Event>,
    /// The distinct data models of events, in order of first use.
    pub event_data: Vec<EventData>,
    pub validators: Vec<Validator>,
    pub violation_codes: Vec<Code>,
    pub error_codes: Vec<Code>,
    pub error_kinds: Vec<Code>,
    pub retry_reasons: Vec<Code>,
    pub api_error_codes: Vec<Code>,
    /// The data types responses carry, one per distinct type.
    pub data_types: Vec<DataType>,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    pub value: String,
}

/// A named number of `x-peeker-limits`, `-sizing` or `-retry-policy`.
#[derive(Debug, Serialize)]
pub struct Constant {
    pub group: String,
    pub name: String,
    pub value: i64,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Operation {
    pub name: String,
    pub method: String,
    pub path: String,
    /// The path split at `/`: literals, and `{id}` as `None`.
    pub segments: Vec<Segment>,
    pub tag: String,
    pub summary: String,
    pub description: String,
    /// `harmless`, `duplicates` or `dedupe_window`.
    pub repeat: String,
    /// `plain`, `query`, `body`, `optional_body`, `batch`, `domain_query` or `order`.
    pub builder: String,
    pub args: Vec<Arg>,
    pub query: Vec<QueryParam>,
    /// The validator of the request body, when there is one.
    pub validator: Option<String>,
    /// For batch builders: the field split and the limit's constant name.
    pub batch: Option<Batch>,
    pub data: DataType,
    pub deletion: bool,
}

#[derive(Debug, Serialize)]
pub struct Segment {
    pub literal: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Batch {
    pub field: String,
    pub limit: String,
}

/// An argument of a builder, in order.
#[derive(Debug, Serialize)]
pub struct Arg {
    pub name: String,
    /// `id`, `query`, `body`, `optional_body`, `domains`, `text`, `order` or `context`.
    pub kind: String,
    pub prefix: Option<String>,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct QueryParam {
    pub name: String,
    /// `one_of`, `id`, `email`, `user_ref`, `text`, `per_page` or `page_token`.
    pub filter: String,
    pub values: Vec<String>,
    pub prefix: Option<String>,
    pub description: String,
}

/// What a success's `data` is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataType {
    /// `one`, `page` or `list`.
    pub kind: String,
    pub item: String,
    /// A name for the type: `User`, `UserPage`, `ImportJobList`.
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Model {
    pub name: String,
    pub description: String,
    pub fields: Vec<Field>,
    /// Members the SDK does not know are kept (`additionalProperties` not false).
    pub open: bool,
    /// Closed and made of required integers and booleans only: a plain value.
    pub copy: bool,
    pub validator: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Field {
    pub name: String,
    pub description: String,
    pub ty: Type,
    pub required: bool,
    pub aliases: Vec<String>,
    pub secret: bool,
}

/// A field's type.
#[derive(Clone, Debug, Serialize)]
pub struct Type {
    /// `string`, `int`, `uint`, `bool`, `any`, `array`, `model`, `enum`, `union` or `map`.
    pub kind: String,
    pub item: Option<Box<Type>>,
    /// The model or enum name.
    pub name: Option<String>,
    /// `null` is a valid value (request bodies).
    pub nullable: bool,
    /// Allowed values of an inline enum (`[2, 3]`, `[smartlead]`).
    pub values: Vec<String>,
    /// The alternatives of a `union` (`oneOf`).
    pub variants: Vec<Type>,
}

#[derive(Debug, Serialize)]
pub struct Enum {
    pub name: String,
    pub description: String,
    pub open: bool,
    pub values: Vec<Code>,
}

/// A value of an enumeration, with what it means.
#[derive(Debug, Serialize)]
pub struct Code {
    pub name: String,
    pub description: String,
    /// For violation codes: `error` or `warning`; for error codes: the kind.
    pub group: String,
}

#[derive(Debug, Serialize)]
pub struct Event {
    /// `order.completed`.
    pub name: String,
    pub summary: String,
    /// The model of `data`.
    pub data: String,
}

/// A model that events carry, and the family (`order`) of their types.
#[derive(Debug, Serialize)]
pub struct EventData {
    pub model: String,
    pub family: String,
}

#[derive(Debug, Serialize)]
pub struct Validator {
    pub name: String,
    /// The model it validates.
    pub model: String,
    pub description: String,
}

fn schema_name(reference: &str) -> Result<String> {
    reference
        .strip_prefix("#/components/schemas/")
        .map(str::to_owned)
        .ok_or_else(|| format!("unsupported $ref {reference}"))
}

fn describe(node: &Yaml) -> String {
    node.get("description").text().trim().to_owned()
}

pub fn read(root: &Yaml) -> Result<Contract> {
    let schemas = root.at(&["components", "schemas"]);
    let mut contract = Contract {
        version: root.at(&["info", "version"]).text(),
        base_url: root.get("servers").seq().first().map(|s| s.get("url").text()).unwrap_or_default(),
        constants: Vec::new(),
        id_prefixes: named(root.get("x-peeker-id-prefixes")),
        key_prefixes: named(root.get("x-peeker-key-prefixes")),
        operations: Vec::new(),
        models: Vec::new(),
        inputs: Vec::new(),
        results: Vec::new(),
        enums: Vec::new(),
        events: Vec::new(),
        event_data: Vec::new(),
        validators: Vec::new(),
        violation_codes: Vec::new(),
        error_codes: Vec::new(),
        error_kinds: Vec::new(),
        retry_reasons: Vec::new(),
        api_error_codes: Vec::new(),
        data_types: Vec::new(),
    };
    for group in ["limits", "sizing", "retry-policy"] {
        for (name, entry) in root.get(&format!("x-peeker-{group}")).entries() {
            let value = entry.get("value").int().ok_or_else(|| format!("x-peeker-{group}.{name}: no integer value"))?;
            contract.constants.push(Constant {
                group: group.replace('-', "_"),
                name: name.clone(),
                value,
                description: describe(entry),
            });
        }
    }
    for (name, schema) in schemas.entries() {
        read_schema(&mut contract, name, schema, schemas)?;
    }
    for (path, item) in root.get("paths").entries() {
        for (method, op) in item.entries() {
            if matches!(method.as_str(), "get" | "post" | "patch" | "delete") {
                let operation = read_operation(path, method, item, op, root)
                    .map_err(|e| format!("{} {path}: {e}", method.to_uppercase()))?;
                if !contract.data_types.contains(&operation.data) {
                    contract.data_types.push(operation.data.clone());
                }
                contract.operations.push(operation);
            }
        }
    }
    for (name, hook) in root.get("webhooks").entries() {
        let reference = hook.at(&["post", "requestBody", "content", "application/json", "schema", "$ref"]);
        let envelope = schemas.get(&schema_name(&reference.text())?);
        if envelope.at(&["properties", "type", "const"]).text() != *name {
            return Err(format!("webhook {name}: its schema's `type` const differs"));
        }
        let data = schema_name(&envelope.at(&["properties", "data", "$ref"]).text())?;
        let family = name.split('.').next().unwrap_or_default().to_owned();
        match contract.event_data.iter().find(|d| d.model == data) {
            Some(known) if known.family != family => return Err(format!("webhook {name}: {data} is another family's")),
            Some(_) => {}
            None => contract.event_data.push(EventData { model: data.clone(), family }),
        }
        contract.events.push(Event { name: name.clone(), summary: hook.at(&["post", "summary"]).text(), data });
    }
    Ok(contract)
}

fn named(node: &Yaml) -> Vec<Named> {
    node.entries().map(|(name, value)| Named { name: name.clone(), value: value.text() }).collect()
}

/// Sorts a schema into models, inputs, results, enums or codes.
fn read_schema(contract: &mut Contract, name: &str, schema: &Yaml, schemas: &Yaml) -> Result<()> {
    let descriptions = schema.get("x-enumDescriptions");
    let values = |group: &dyn Fn(&str) -> String| -> Vec<Code> {
        schema
            .get("enum")
            .strings()
            .into_iter()
            .map(|value| Code { description: descriptions.get(&value).text(), group: group(&value), name: value })
            .collect()
    };
    match name {
        "ViolationCode" => {
            let warnings = schema.get("x-peeker-warnings").strings();
            let severity = |v: &str| if warnings.iter().any(|w| w == v) { "warning" } else { "error" }.to_owned();
            contract.violation_codes = values(&severity);
            return Ok(());
        }
        "ErrorCode" => {
            let kinds = schema.get("x-peeker-kinds");
            let kind_of = |code: &str| {
                kinds.entries().find(|(_, codes)| codes.strings().iter().any(|c| c == code)).map(|(k, _)| k.clone())
            };
            contract.error_codes = values(&|code| kind_of(code).unwrap_or_default());
            if let Some(code) = contract.error_codes.iter().find(|c| c.group.is_empty()) {
                return Err(format!("ErrorCode {}: in no x-peeker-kinds group", code.name));
            }
            return Ok(());
        }
        "ErrorKind" => contract.error_kinds = values(&|_| String::new()),
        "RetryReason" => contract.retry_reasons = values(&|_| String::new()),
        "ApiErrorCode" => contract.api_error_codes = values(&|_| String::new()),
        _ => {}
    }
    let sdk = schema.get("x-peeker-sdk").bool();
    if schema.get("x-peeker-handle").bool() {
        return Ok(()); // a host object each binding declares itself; only referenced
    }
    if !schema.get("enum").is_null() {
        if !sdk && name != "ApiErrorCode" {
            contract.enums.push(Enum {
                name: name.to_owned(),
                description: describe(schema),
                open: schema.get("x-peeker-open").bool(),
                values: values(&|_| String::new()),
            });
        }
        return Ok(());
    }
    if schema.get("type").text() != "object" || !schema.get("x-peeker-page-of").is_null() {
        return Ok(()); // scalars are inlined; pages are Page<T>
    }
    if !schema.at(&["properties", "type", "const"]).is_null() {
        return Ok(()); // event envelopes: see `webhooks`
    }
    let required = schema.get("required").strings();
    let fields = schema
        .get("properties")
        .entries()
        .map(|(field, node)| {
            Ok(Field {
                name: field.clone(),
                description: describe(node),
                ty: read_type(node, schemas).map_err(|e| format!("{name}.{field}: {e}"))?,
                required: required.contains(field),
                aliases: node.get("x-peeker-aliases").strings(),
                secret: node.get("x-peeker-secret").bool(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let validator = schema.get("x-peeker-validator").str().map(str::to_owned);
    let open = !matches!(schema.get("additionalProperties"), Yaml::Bool(false));
    let scalar = |f: &Field| f.required && matches!(f.ty.kind.as_str(), "int" | "uint" | "bool");
    let model = Model {
        copy: !open && fields.iter().all(scalar),
        name: name.to_owned(),
        description: describe(schema),
        fields,
        open,
        validator: validator.clone(),
    };
    if let Some(validator) = validator {
        contract.validators.push(Validator {
            name: validator,
            model: name.to_owned(),
            description: model.description.clone(),
        });
        contract.inputs.push(model);
    } else if sdk {
        contract.results.push(model);
    } else if name != "ErrorBody" {
        contract.models.push(model);
    }
    Ok(())
}

fn plain(kind: &str) -> Type {
    Type { kind: kind.to_owned(), item: None, name: None, nullable: false, values: Vec::new(), variants: Vec::new() }
}

fn read_type(node: &Yaml, schemas: &Yaml) -> Result<Type> {
    if let Some(reference) = node.get("$ref").str() {
        let name = schema_name(reference)?;
        let target = schemas.get(&name);
        let kind = match target.get("type").text().as_str() {
            _ if !target.get("enum").is_null() => "enum",
            "object" => "model",
            // Shared scalars (timestamps, ids) are inlined as what they are.
            _ => return read_type(target, schemas),
        };
        return Ok(Type { name: Some(name), ..plain(kind) });
    }
    if let Some(alternatives) = Some(node.get("oneOf").seq()).filter(|a| !a.is_empty()) {
        let variants = alternatives.iter().map(|a| read_type(a, schemas)).collect::<Result<Vec<_>>>()?;
        return Ok(Type { variants, ..plain("union") });
    }
    let (kind, nullable) = match node.get("type") {
        Yaml::Seq(kinds) => {
            let kinds: Vec<String> = kinds.iter().map(Yaml::text).collect();
            let nullable = kinds.iter().any(|k| k == "null");
            (kinds.into_iter().find(|k| k != "null").unwrap_or_default(), nullable)
        }
        Yaml::Null if node.get("items").is_null() => return Ok(plain("any")),
        other => (other.text(), false),
    };
    let values = node.get("enum").strings();
    let ty = match kind.as_str() {
        "string" => plain("string"),
        "boolean" => plain("bool"),
        "integer" if node.get("minimum").int().is_some_and(|m| m >= 0) => plain("uint"),
        "integer" => plain("int"),
        "array" => Type { item: Some(Box::new(read_type(node.get("items"), schemas)?)), ..plain("array") },
        "object" => plain("map"),
        other => return Err(format!("unsupported type `{other}`")),
    };
    Ok(Type { nullable, values, ..ty })
}

/// An operation and the shape of its builder.
fn read_operation(path: &str, method: &str, item: &Yaml, op: &Yaml, root: &Yaml) -> Result<Operation> {
    let schemas = root.at(&["components", "schemas"]);
    let name = op.get("operationId").text();
    let params: Vec<&Yaml> = item.get("parameters").seq().iter().chain(op.get("parameters").seq()).collect();
    let mut args = Vec::new();
    let mut query = Vec::new();
    for param in params {
        let param = resolve_parameter(param, root.at(&["components", "parameters"]))?;
        let schema = param.get("schema");
        let pname = param.get("name").text();
        match param.get("in").text().as_str() {
            "path" => args.push(Arg {
                name: pname,
                kind: "id".into(),
                prefix: schema.get("x-peeker-id-prefix").str().map(str::to_owned),
                description: describe(param),
            }),
            "query" if schema.get("type").text() == "array" => {
                args.push(Arg { name: pname, kind: "domains".into(), prefix: None, description: describe(param) });
            }
            "query" => query.push(read_query(&pname, param, schema, schemas)?),
            other => return Err(format!("parameter in `{other}`")),
        }
    }
    let body = op.at(&["requestBody", "content", "application/json", "schema", "$ref"]).str();
    let body_model = body.map(schema_name).transpose()?;
    let validator = body_model.as_ref().map(|m| schemas.at(&[m, "x-peeker-validator"]).text());
    let batch = op.get("x-peeker-batch");
    let builder = if op.get("x-peeker-builder").text() == "order" {
        args.push(Arg { name: "order".into(), kind: "order".into(), prefix: None, description: String::new() });
        args.push(Arg { name: "context".into(), kind: "context".into(), prefix: None, description: String::new() });
        "order"
    } else if !batch.is_null() {
        let model = body_model.as_deref().ok_or("a batch without a body")?;
        for (field, node) in schemas.at(&[model, "properties"]).entries() {
            let kind = if node.get("type").text() == "array" { "domains" } else { "text" };
            args.push(Arg { name: field.clone(), kind: kind.into(), prefix: None, description: describe(node) });
        }
        "batch"
    } else if body_model.is_some() {
        let required = op.at(&["requestBody", "required"]).bool();
        let kind = if required { "body" } else { "optional_body" };
        args.push(Arg { name: "body".into(), kind: kind.into(), prefix: None, description: String::new() });
        kind
    } else if !query.is_empty() {
        args.push(Arg { name: "query".into(), kind: "query".into(), prefix: None, description: String::new() });
        "query"
    } else if args.iter().any(|a| a.kind == "domains") {
        "domain_query"
    } else {
        "plain"
    };
    let success = op.get("responses").entries().find(|(status, _)| status.starts_with('2')).map(|(_, r)| r);
    let schema = success.map(|r| r.at(&["content", "application/json", "schema"])).ok_or("no 2xx response")?;
    Ok(Operation {
        segments: path
            .trim_start_matches('/')
            .split('/')
            .map(|s| Segment { literal: (!s.starts_with('{')).then(|| s.to_owned()) })
            .collect(),
        method: method.to_uppercase(),
        path: path.to_owned(),
        tag: op.get("tags").seq().first().map(Yaml::text).unwrap_or_default(),
        summary: op.get("summary").text(),
        description: describe(op),
        repeat: op.get("x-peeker-repeat").text(),
        builder: builder.to_owned(),
        args,
        query,
        validator,
        batch: (!batch.is_null()).then(|| Batch { field: batch.get("field").text(), limit: batch.get("limit").text() }),
        data: data_type(schema, schemas)?,
        deletion: method == "delete",
        name,
    })
}

/// A parameter, or the shared one its `$ref` names.
fn resolve_parameter<'a>(param: &'a Yaml, parameters: &'a Yaml) -> Result<&'a Yaml> {
    match param.get("$ref").str() {
        None => Ok(param),
        Some(reference) => reference
            .strip_prefix("#/components/parameters/")
            .map(|name| parameters.get(name))
            .filter(|p| !p.is_null())
            .ok_or_else(|| format!("unresolved $ref {reference}")),
    }
}

fn read_query(name: &str, param: &Yaml, schema: &Yaml, schemas: &Yaml) -> Result<QueryParam> {
    let enumeration = match schema.get("$ref").str() {
        Some(reference) => schemas.get(&schema_name(reference)?),
        None => schema,
    };
    let filter = if let Some(filter) = schema.get("x-peeker-filter").str() {
        filter
    } else if !enumeration.get("enum").is_null() {
        "one_of"
    } else if !schema.get("x-peeker-id-prefix").is_null() {
        "id"
    } else if schema.get("format").text() == "email" {
        "email"
    } else if name == "per_page" {
        "per_page"
    } else {
        "text"
    };
    Ok(QueryParam {
        name: name.to_owned(),
        filter: filter.to_owned(),
        values: enumeration.get("enum").strings(),
        prefix: schema.get("x-peeker-id-prefix").str().map(str::to_owned),
        description: describe(param),
    })
}

fn data_type(schema: &Yaml, schemas: &Yaml) -> Result<DataType> {
    if let Some(reference) = schema.get("$ref").str() {
        let page = schema_name(reference)?;
        let item = schemas.at(&[&page, "x-peeker-page-of"]).text();
        if item.is_empty() {
            return Err(format!("response {page} is not a page"));
        }
        return Ok(DataType { kind: "page".into(), name: page, item });
    }
    let data = schema.at(&["properties", "data"]);
    if let Some(reference) = data.get("$ref").str() {
        let item = schema_name(reference)?;
        return Ok(DataType { kind: "one".into(), name: item.clone(), item });
    }
    let item = schema_name(&data.at(&["items", "$ref"]).text())?;
    Ok(DataType { kind: "list".into(), name: format!("{item}List"), item })
}
