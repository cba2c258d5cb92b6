using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// A module's state in PyTorch's order: for each module its own parameters, then its own persistent buffers, then
/// its children depth-first. TorchSharp's <c>state_dict()</c> lists all parameters before all buffers instead, so
/// this is what the key listings of the official checkpoints are compared against and what is written on export.
/// </summary>
public static class StateDictEntries
{
    public static IReadOnlyList<KeyValuePair<string, Tensor>> Of(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var entries = new List<KeyValuePair<string, Tensor>>();
        Collect(module, string.Empty, entries);
        return entries;
    }

    private static void Collect(nn.Module module, string prefix, List<KeyValuePair<string, Tensor>> entries)
    {
        foreach (var (name, parameter) in module.named_parameters(recurse: false))
        {
            entries.Add(new(prefix + name, parameter));
        }

        foreach (var (name, buffer) in module.named_buffers(recurse: false, include_nonpersistent: false))
        {
            entries.Add(new(prefix + name, buffer));
        }

        foreach (var (name, child) in module.named_children())
        {
            Collect(child, prefix + name + ".", entries);
        }
    }
}
