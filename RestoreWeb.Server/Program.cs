using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Admin;
using RestoreWeb.Server.Albums;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Health;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Models;
using RestoreWeb.Server.Photos;
using RestoreWeb.Server.Security;
using RestoreWeb.Server.Storage;
using RestoreWeb.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddRestoreWebOptions();
builder.AddRestoreWebWeb();
builder.AddRestoreWebApi();
builder.AddRestoreWebData();
builder.Services.AddRestoreWebStorage();
builder.Services.AddRestoreWebAccounts();
builder.Services.AddRestoreWebModels();
builder.Services.AddRestoreWebPhotos();
builder.AddRestoreWebJobs();
builder.Services.AddRestoreWebHealth();
builder.Services.AddRestoreWebSecurity();
builder.AddRestoreWebTelemetry();

var app = builder.Build();

await app.PrepareRestoreWebAsync();

app.UseRestoreWebSecurityHeaders();
app.UseRestoreWebPipeline();
// After authentication: the upload limit is per account.
app.UseRateLimiter();
app.MapRestoreWebHealth();
app.MapRestoreWebMetrics();
app.MapAntiforgeryEndpoints();
app.MapAccountEndpoints();
app.MapAlbumEndpoints();
app.MapPhotoEndpoints();
app.MapJobEndpoints();
app.MapModelEndpoints();
app.MapAdminModelEndpoints();
app.MapCompareEndpoints();
app.MapAdminQueueEndpoints();
app.MapAdminUserEndpoints();
app.MapRestoreWebJobDashboard();
app.MapRestoreWebUi();
app.LogListeningAddresses();

app.Run();

/// <summary>Entry point; public so that functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
