namespace RestoreWeb.Server.Telemetry;

/// <summary>Configuration section "RestoreWeb:Telemetry": where the server's metrics go.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "RestoreWeb:Telemetry";

    /// <summary>The Prometheus scraping endpoint; empty turns it off.</summary>
    public string? PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// False: only administrators (a signed-in admin, or a scraper with an admin's API token as a Bearer token) may
    /// read the metrics. True suits a Prometheus on a private network that cannot authenticate.
    /// </summary>
    public bool AllowAnonymousPrometheus { get; set; }

    /// <summary>An OpenTelemetry collector (OTLP over gRPC, e.g. http://collector:4317) to push metrics to; null pushes nothing.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
