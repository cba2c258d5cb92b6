using Onnx;

namespace RestoreWeb.Training.Export;

/// <summary>
/// Work and activation size of a convolutional graph per input pixel, found by walking its nodes: each value
/// carries its resolution relative to the input (strided convolutions divide it, transposed convolutions and
/// upsampling multiply it). The planner turns these into time and memory estimates for any photo size.
/// </summary>
public static class GraphCost
{
    /// <returns>
    /// FLOPs per input pixel of every Conv/ConvTranspose/MatMul-free part of the graph, and the largest activation
    /// (bytes per input pixel, float32) any node produces.
    /// </returns>
    public static (double FlopsPerPixel, double LargestActivationBytesPerPixel) Measure(ModelProto model, string input)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shapes = model.Graph.Initializer.ToDictionary(t => t.Name, t => t.Dims.ToArray(), StringComparer.Ordinal);
        var scale = new Dictionary<string, double>(StringComparer.Ordinal) { [input] = 1.0 };
        var channels = new Dictionary<string, long>(StringComparer.Ordinal);
        double flops = 0, largest = 0;
        // The Winograd layer being walked (its nodes are written one after another): name, input scale, channels.
        (string Name, double Scale, long Channels) winograd = (string.Empty, 0, 0);
        foreach (var node in model.Graph.Node)
        {
            double s = node.Input.Select(i => scale.GetValueOrDefault(i)).DefaultIfEmpty(0).Max();
            long c = node.Input.Select(i => channels.GetValueOrDefault(i)).DefaultIfEmpty(0).Max();
            if (node.Name.StartsWith(OnnxWinograd.NodeNameStem, StringComparison.Ordinal))
            {
                // One 3×3 convolution in Winograd form: counted as the direct convolution it replaces (the work the
                // network defines), with its transformed tiles (4 values per input value) as its activation.
                string block = node.Name[..node.Name.IndexOf('/', StringComparison.Ordinal)];
                if (block != winograd.Name)
                {
                    winograd = (block, s, c);
                }
                if (node.OpType == "MatMul" && shapes.TryGetValue(node.Input[0], out long[]? u) && u.Length == 4)
                {
                    flops += 2.0 * u[3] * 9 * u[2] * winograd.Scale;
                    largest = Math.Max(largest, 4.0 * 4 * Math.Max(u[2], u[3]) * winograd.Scale);
                    winograd.Channels = u[2];
                }
                foreach (string output in node.Output)
                {
                    scale[output] = winograd.Scale;
                    channels[output] = winograd.Channels;
                }
                continue;
            }
            switch (node.OpType)
            {
                case "Conv":
                {
                    long[] w = shapes[node.Input[1]];
                    long stride = Attribute(node, "strides")?.Ints[0] ?? 1;
                    s /= stride * stride;
                    c = w[0];
                    flops += 2.0 * w[1] * w[2] * w[3] * w[0] * s;
                    break;
                }
                case "ConvTranspose":
                {
                    long[] w = shapes[node.Input[1]];
                    long stride = Attribute(node, "strides")?.Ints[0] ?? 1;
                    flops += 2.0 * w[0] * w[1] * w[2] * w[3] * s;
                    s *= stride * stride;
                    c = w[1];
                    break;
                }
                case "Resize" when node.Input.Count > 2 && shapes.TryGetValue(node.Input[2], out _):
                {
                    var factors = model.Graph.Initializer.Single(t => t.Name == node.Input[2]).FloatData;
                    s *= factors.Count == 4 ? factors[2] * factors[3] : 1;
                    break;
                }
                case "Concat":
                    c = node.Input.Sum(i => channels.GetValueOrDefault(i));
                    break;
                default:
                    break;
            }
            largest = Math.Max(largest, 4.0 * c * s);
            foreach (string output in node.Output)
            {
                scale[output] = s;
                channels[output] = c;
            }
        }
        return (flops, largest);
    }

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);
}
