using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components.Admin;

public sealed partial class ValidationReportView
{
    [Parameter, EditorRequired]
    public ValidationReportDto Report { get; set; } = default!;
}
