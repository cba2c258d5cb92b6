namespace RestoreWeb.Server.Health;

public static class HealthEndpoints
{
    public static WebApplication MapRestoreWebHealth(this WebApplication app)
    {
        var health = app.MapGroup("/health");
        health.MapGet("/live", Live);
        return app;
    }

    private static IResult Live() => TypedResults.Ok(new { status = "alive" });
}
