using static RestoreWeb.Training.Export.OnnxGraphBuilder;

namespace RestoreWeb.Training.Export;

/// <summary>The scratch-detection U-Net (official detection UNet layout) as ONNX nodes; BatchNorm uses running statistics.</summary>
public static class DetectorGraph
{
    public const string LumaInput = "luma";
    public const string LogitsOutput = "logits";

    private const float LeakySlope = 0.2f;

    /// <summary>PyTorch's BatchNorm2d default epsilon.</summary>
    private const float BatchNormEpsilon = 1e-5f;

    public static Onnx.ModelProto Export(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> weights)
    {
        var g = new OnnxGraphBuilder("detect_scratches", weights);
        string luma = g.Input(LumaInput, "batch", 1, "height", "width");
        g.Output(LogitsOutput, Build(g, luma), "batch", 1, "height", "width");
        return g.Build("RestoreWeb scratch detector: luma in [-1,1] (N,1,H,W), sides multiples of 2^depth -> scratch logits.");
    }

    private static string Build(OnnxGraphBuilder g, string luma)
    {
        string x = g.LeakyRelu(g.Conv(g.ReflectPad(luma, 3), "first.1"), LeakySlope);
        var skips = new List<string>();
        for (int level = 0; g.HasWeight($"down_path.{level}.block.1.weight"); level++)
        {
            skips.Add(x);
            string prefix = $"down_sample.{level}";
            x = g.LeakyRelu(BatchNorm(g, g.Conv(g.ReflectPad(x, 1), $"{prefix}.1"), $"{prefix}.2"), LeakySlope);
            x = g.Conv(g.ReflectPad(x, 1), $"{prefix}.4", stride: 2, padding: 0, groups: (int)g.WeightShape($"{prefix}.4.filt")[0], weightName: "filt");
            x = ConvBlock(g, x, $"down_path.{level}.block");
        }
        for (int step = 0; g.HasWeight($"up_path.{step}.up.2.weight"); step++)
        {
            string prefix = $"up_path.{step}";
            string up = g.Node("Resize", [x, "", g.Floats([4], 1f, 1f, 2f, 2f)], null,
                Text("mode", "linear"), Text("coordinate_transformation_mode", "half_pixel"));
            up = g.Conv(g.ReflectPad(up, 1), $"{prefix}.up.2");
            x = g.Node("Concat", [up, skips[^(step + 1)]], null, Int("axis", 1));
            x = ConvBlock(g, x, $"{prefix}.conv_block.block");
        }
        return g.Conv(g.ReflectPad(x, 1), "last.1");
    }

    private static string ConvBlock(OnnxGraphBuilder g, string x, string prefix)
    {
        x = g.LeakyRelu(BatchNorm(g, g.Conv(g.ReflectPad(x, 1), $"{prefix}.1"), $"{prefix}.2"), LeakySlope);
        return g.LeakyRelu(BatchNorm(g, g.Conv(g.ReflectPad(x, 1), $"{prefix}.5"), $"{prefix}.6"), LeakySlope);
    }

    private static string BatchNorm(OnnxGraphBuilder g, string x, string prefix) =>
        g.Node("BatchNormalization",
            [x, g.Weight($"{prefix}.weight"), g.Weight($"{prefix}.bias"), g.Weight($"{prefix}.running_mean"), g.Weight($"{prefix}.running_var")],
            null, Float("epsilon", BatchNormEpsilon));
}
