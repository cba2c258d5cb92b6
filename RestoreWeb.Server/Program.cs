using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Admin;
using RestoreWeb.Server.Albums;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Health;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Models;
using RestoreWeb.Server.Photos;
using RestoreWeb.Server.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddRestoreWebOptions();
builder.AddRestoreWebWeb();
builder.AddRestoreWebApi();
builder.Services.AddRestoreWebData();
builder.Services.AddRestoreWebStorage();
builder.Services.AddRestoreWebAccounts();
builder.Services.AddRestoreWebModels();
builder.Services.AddRestoreWebPhotos();
builder.AddRestoreWebJobs();
builder.Services.AddRestoreWebHealth();

var app = builder.Build();

await app.PrepareRestoreWebAsync();

app.UseRestoreWebPipeline();
app.MapRestoreWebHealth();
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
