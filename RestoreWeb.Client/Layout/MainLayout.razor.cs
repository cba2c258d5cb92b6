using MudBlazor;

namespace RestoreWeb.Client.Layout;

public partial class MainLayout
{
    private readonly MudTheme _theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#6d4c41", Secondary = "#8d6e63", AppbarBackground = "#4e342e" },
        PaletteDark = new PaletteDark { Primary = "#bcaaa4", Secondary = "#a1887f" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };

    private bool _isDarkMode;

    private void ToggleTheme() => _isDarkMode = !_isDarkMode;
}
