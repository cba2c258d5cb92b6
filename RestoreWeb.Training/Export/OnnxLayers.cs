using static RestoreWeb.Training.Export.OnnxGraphBuilder;

namespace RestoreWeb.Training.Export;

/// <summary>The layers the method's networks are made of, as ONNX nodes; weights come by official key prefix.</summary>
public static class OnnxLayers
{
    /// <summary>PyTorch's InstanceNorm2d default epsilon.</summary>
    private const float InstanceNormEpsilon = 1e-5f;

    /// <summary>Conv2d with zero padding; <paramref name="prefix"/> names "{prefix}.weight" and "{prefix}.bias".</summary>
    public static string Conv(this OnnxGraphBuilder g, string x, string prefix, int stride = 1, int padding = 0, int groups = 1, string weightName = "weight")
    {
        long[] shape = g.WeightShape($"{prefix}.{weightName}");
        if (shape[2] == 3 && shape[3] == 3 && stride == 1 && groups == 1 && Math.Min(shape[0], shape[1]) >= g.WinogradMinChannels)
        {
            return g.WinogradConv3x3(x, prefix, padding, weightName);
        }
        var inputs = new List<string> { x, g.Weight($"{prefix}.{weightName}") };
        if (g.HasWeight($"{prefix}.bias"))
        {
            inputs.Add(g.Weight($"{prefix}.bias"));
        }
        return g.Node("Conv", inputs, null,
            Ints("kernel_shape", shape[2], shape[3]),
            Ints("strides", stride, stride),
            Ints("pads", padding, padding, padding, padding),
            Ints("dilations", 1, 1),
            Int("group", groups));
    }

    /// <summary>ConvTranspose2d; PyTorch stores its weight as (in, out, kh, kw), which is ONNX's layout too.</summary>
    public static string ConvTranspose(this OnnxGraphBuilder g, string x, string prefix, int stride, int padding)
    {
        long[] shape = g.WeightShape($"{prefix}.weight");
        return g.Node("ConvTranspose", [x, g.Weight($"{prefix}.weight"), g.Weight($"{prefix}.bias")], null,
            Ints("kernel_shape", shape[2], shape[3]),
            Ints("strides", stride, stride),
            Ints("pads", padding, padding, padding, padding));
    }

    public static string ReflectPad(this OnnxGraphBuilder g, string x, int padding) =>
        g.Node("Pad", [x, g.Int64s(0, 0, padding, padding, 0, 0, padding, padding)], null, Text("mode", "reflect"));

    /// <summary>InstanceNorm2d without affine parameters: ONNX needs a scale and bias, so ones and zeros.</summary>
    public static string InstanceNorm(this OnnxGraphBuilder g, string x, long channels)
    {
        string ones = g.Floats([channels], Enumerable.Repeat(1f, (int)channels).ToArray());
        string zeros = g.Floats([channels], new float[channels]);
        return g.Node("InstanceNormalization", [x, ones, zeros], null, Float("epsilon", InstanceNormEpsilon));
    }

    public static string Relu(this OnnxGraphBuilder g, string x) => g.Node("Relu", [x]);

    public static string LeakyRelu(this OnnxGraphBuilder g, string x, float slope) =>
        g.Node("LeakyRelu", [x], null, Float("alpha", slope));

    public static string Tanh(this OnnxGraphBuilder g, string x) => g.Node("Tanh", [x]);

    public static string Add(this OnnxGraphBuilder g, string a, string b) => g.Node("Add", [a, b]);

    public static string Sub(this OnnxGraphBuilder g, string a, string b) => g.Node("Sub", [a, b]);

    public static string Mul(this OnnxGraphBuilder g, string a, string b) => g.Node("Mul", [a, b]);

    public static string Div(this OnnxGraphBuilder g, string a, string b) => g.Node("Div", [a, b]);

    /// <summary>Conv (zero padding 1, 3×3) → InstanceNorm → ReLU, the mapping networks' unit.</summary>
    public static string ConvNormRelu(this OnnxGraphBuilder g, string x, string prefix)
    {
        long channels = g.WeightShape($"{prefix}.weight")[0];
        return g.Relu(g.InstanceNorm(g.Conv(x, prefix, padding: 1), channels));
    }

    /// <summary>x + [ReflPad1, Conv3×3, IN, ReLU, ReflPad1, Conv3×3, IN](x), keys "{prefix}.conv_block.{1,5}".</summary>
    public static string ResnetBlock(this OnnxGraphBuilder g, string x, string prefix)
    {
        long channels = g.WeightShape($"{prefix}.conv_block.1.weight")[0];
        string y = g.Conv(g.ReflectPad(x, 1), $"{prefix}.conv_block.1");
        y = g.Relu(g.InstanceNorm(y, channels));
        y = g.Conv(g.ReflectPad(y, 1), $"{prefix}.conv_block.5");
        y = g.InstanceNorm(y, channels);
        return g.Add(x, y);
    }
}
