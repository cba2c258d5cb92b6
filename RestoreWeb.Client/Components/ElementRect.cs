namespace RestoreWeb.Client.Components;

/// <summary>An element's box in viewport pixels, as getBoundingClientRect reports it.</summary>
public readonly record struct ElementRect(double Left, double Top, double Width, double Height);
