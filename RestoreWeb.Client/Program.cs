using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using RestoreWeb.Client;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

builder.Services.AddRestoreWebClient(new Uri(builder.HostEnvironment.BaseAddress));

await builder.Build().RunAsync();
