using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Admin;

/// <summary>The admin API calls the tests make, with the status each expects.</summary>
public static class AdminApi
{
    /// <summary>Uploads a package as the web app does: multipart, with the session's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostPackageAsync(this ApiClient client, byte[] package, string fileName = "model.zip")
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!client.Http.DefaultRequestHeaders.Contains(ApiClient.AntiforgeryHeader))
        {
            await client.UseAntiforgeryTokenAsync();
        }
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(package);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(part, "package", fileName);
        return await client.Http.PostAsync(new Uri("/api/admin/models", UriKind.Relative), form);
    }

    public static async Task<AdminModelVersionDto> RegisterPackageAsync(this ApiClient client, byte[] package, string fileName = "model.zip")
    {
        using var response = await client.PostPackageAsync(package, fileName);
        return (await client.ExpectAsync<ModelRegistrationDto>(response, HttpStatusCode.Created)).Model;
    }

    public static async Task<AdminModelVersionDto[]> ModelsAsync(this ApiClient client) =>
        (await client.Http.GetFromJsonAsync<AdminModelVersionDto[]>("/api/admin/models"))!;

    public static async Task<AdminModelVersionDto> ProductionAsync(this ApiClient client) =>
        (await client.ModelsAsync()).Single(m => m.Aliases.Contains(ModelAliasNames.Production));

    public static Task<HttpResponseMessage> PromoteAsync(this ApiClient client, Guid id, string alias, string comment) =>
        client.Http.PostAsJsonAsync($"/api/admin/models/{id}/promote", new PromoteRequest(alias, comment));

    public static Task<HttpResponseMessage> RollbackAsync(this ApiClient client, string alias, string comment) =>
        client.Http.PostAsJsonAsync($"/api/admin/aliases/{alias}/rollback", new RollbackRequest(comment));

    public static async Task<AuditEntryDto[]> AuditAsync(this ApiClient client) =>
        (await client.Http.GetFromJsonAsync<AuditEntryDto[]>("/api/admin/audit"))!;
}
