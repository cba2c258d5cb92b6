using Microsoft.AspNetCore.Identity;

namespace RestoreWeb.Server.Data;

/// <summary>An account; its e-mail is also its user name.</summary>
public sealed class RestoreWebUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>An administrator turned the account off: it cannot sign in and its sessions end.</summary>
    public bool Disabled { get; set; }

    /// <summary>Bytes of originals the account may store; null means the server's default.</summary>
    public long? UploadQuotaBytes { get; set; }
}
