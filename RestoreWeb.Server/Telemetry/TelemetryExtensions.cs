using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using RestoreWeb.Server.Accounts;

namespace RestoreWeb.Server.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>OpenTelemetry metrics: RestoreWeb's meter and ASP.NET Core's own, for Prometheus and, when configured, OTLP.</summary>
    public static WebApplicationBuilder AddRestoreWebTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        builder.Services.AddSingleton<RestoreWebMetrics>();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(RestoreWebMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics");
            if (!string.IsNullOrEmpty(options.PrometheusPath))
            {
                metrics.AddPrometheusExporter();
            }
            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = OtlpExportProtocol.Grpc;
                });
            }
        });
        return builder;
    }

    public static WebApplication MapRestoreWebMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrEmpty(options.PrometheusPath))
        {
            return app;
        }
        var scrape = app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        if (!options.AllowAnonymousPrometheus)
        {
            scrape.RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        }
        return app;
    }
}
