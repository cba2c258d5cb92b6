using RestoreWeb.Server.Health;
using RestoreWeb.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddRestoreWebWeb();

var app = builder.Build();

app.UseRestoreWebPipeline();
app.MapRestoreWebHealth();
app.MapRestoreWebUi();
app.LogListeningAddresses();

app.Run();

/// <summary>Entry point; public so that functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
