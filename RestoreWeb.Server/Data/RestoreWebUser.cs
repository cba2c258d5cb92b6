using Microsoft.AspNetCore.Identity;

namespace RestoreWeb.Server.Data;

/// <summary>An account; its e-mail is also its user name.</summary>
public sealed class RestoreWebUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
