namespace RestoreWeb.Client.Contracts;

/// <summary>GET /api/antiforgery: send <paramref name="Token"/> in header <paramref name="HeaderName"/> with an upload.</summary>
public sealed record AntiforgeryTokenDto(string HeaderName, string Token);
