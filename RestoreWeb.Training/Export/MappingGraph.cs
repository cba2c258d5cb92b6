namespace RestoreWeb.Training.Export;

/// <summary>The quality mapping (Mapping_Model, keys "model.*") as ONNX nodes.</summary>
public static class MappingGraph
{
    /// <summary>
    /// model.{0,3,6,9} conv+IN+ReLU, then residual blocks from index 12, then three more conv+IN+ReLU and a
    /// last plain conv. Indices follow the official Sequential (each conv unit takes three slots).
    /// </summary>
    public static string Quality(OnnxGraphBuilder g, string latent, string prefix = "model")
    {
        ArgumentNullException.ThrowIfNull(g);
        string x = latent;
        foreach (int index in new[] { 0, 3, 6, 9 })
        {
            x = g.ConvNormRelu(x, $"{prefix}.{index}");
        }
        int next = 12;
        for (; g.HasWeight($"{prefix}.{next}.conv_block.1.weight"); next++)
        {
            x = g.ResnetBlock(x, $"{prefix}.{next}");
        }
        for (int unit = 0; unit < 3; unit++, next += 3)
        {
            x = g.ConvNormRelu(x, $"{prefix}.{next}");
        }
        return g.Conv(x, $"{prefix}.{next}", padding: 1);
    }
}
