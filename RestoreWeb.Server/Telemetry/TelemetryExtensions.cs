using System.Diagnostics.Metrics;
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
        // The listener picks meters by name alone, so it would also collect the meters another host in the same
        // process made with its own meter factory (test hosts): their observable gauges would overwrite this host's
        // values. Only this host's factory and the process-wide meters count.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var ownFactory = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, ownFactory)
                ? MetricStreamConfiguration.Drop
                : null);
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
