//! `peeker-local`: starts the local Peeker and prints how to reach it.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use peeker_local::Config;

/// A local Peeker: the partner API on this machine, for offline development and tests.
#[derive(Parser, Debug)]
#[command(name = "peeker-local", version)]
struct Cli {
    /// Port to listen on; 0 picks a free one (printed).
    #[arg(long, default_value_t = 4010)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Webhook endpoint URL (http://); repeat for several.
    #[arg(long = "webhook", value_name = "URL")]
    webhooks: Vec<String>,
    /// SQLite state file (created when missing).
    #[arg(long, value_name = "FILE", default_value = "peeker-local.sqlite3", conflicts_with = "memory")]
    state: PathBuf,
    /// Keep the state in memory (lost on exit).
    #[arg(long)]
    memory: bool,
    /// How many times faster than Peeker provisioning runs (3600: an hour takes a second).
    #[arg(long, default_value_t = 3600.0)]
    time_scale: f64,
    /// Requests a key may send a minute; 0 turns the limit off.
    #[arg(long, default_value_t = 600)]
    rate_limit: u32,
    /// Use this `pk_test_` key (else the stored one, else a new one).
    #[arg(long, value_name = "KEY")]
    api_key: Option<String>,
    /// Use this webhook secret (else the stored one, else a new one).
    #[arg(long, value_name = "SECRET")]
    webhook_secret: Option<String>,
    /// First retry delay of a failed delivery, in ms (doubles each attempt).
    #[arg(long, default_value_t = 1000)]
    retry_base_ms: u64,
    /// Longest delay between two delivery attempts, in ms.
    #[arg(long, default_value_t = 60_000)]
    retry_max_ms: u64,
    /// Attempts of a delivery before it is marked failed.
    #[arg(long, default_value_t = 10)]
    max_attempts: u32,
    /// How long the same POST /orders body returns the original order, in seconds.
    #[arg(long, default_value_t = 86_400)]
    dedupe_window_seconds: i64,
    /// Print one JSON line {base_url, api_key, webhook_secret, port} instead of the text banner.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = Config {
        host: cli.host,
        port: cli.port,
        state: if cli.memory { None } else { Some(cli.state.clone()) },
        webhooks: cli.webhooks.clone(),
        time_scale: cli.time_scale,
        rate_limit: cli.rate_limit,
        api_key: cli.api_key.clone(),
        webhook_secret: cli.webhook_secret.clone(),
        retry_base_ms: cli.retry_base_ms,
        retry_max_ms: cli.retry_max_ms.max(1),
        max_attempts: cli.max_attempts.max(1),
        dedupe_window_seconds: cli.dedupe_window_seconds.max(0),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("peeker-local: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let running = match peeker_local::start(config).await {
            Ok(running) => running,
            Err(err) => {
                eprintln!("peeker-local: {err}");
                return ExitCode::FAILURE;
            }
        };
        let state = if cli.memory { "memory".to_owned() } else { cli.state.display().to_string() };
        if cli.json {
            let line = serde_json::json!({
                "base_url": running.base_url, "api_key": running.api_key, "webhook_secret": running.webhook_secret,
                "port": running.addr.port(), "state": state,
            });
            println!("{line}");
        } else {
            println!("peeker-local {} listening", env!("CARGO_PKG_VERSION"));
            println!("base URL:       {}", running.base_url);
            println!("API key:        {}", running.api_key);
            println!("webhook secret: {}", running.webhook_secret);
            println!("port:           {}", running.addr.port());
            println!("state:          {state}");
            println!("local endpoints: http://{}/_local (health, events, trigger, faults)", running.addr);
            println!("ready");
        }
        let _ = tokio::signal::ctrl_c().await;
        ExitCode::SUCCESS
    })
}
