namespace RestoreWeb.Training.Export;

/// <summary>The VAE generator's encoder and decoder (GlobalGenerator_DCDCv2 layout) as ONNX nodes.</summary>
public static class VaeGraph
{
    /// <summary>Image in [-1,1] (N,3,H,W), H and W multiples of 4 → latent (N,C,H/4,W/4).</summary>
    public static string Encode(OnnxGraphBuilder g, string image, string prefix = "encoder")
    {
        ArgumentNullException.ThrowIfNull(g);
        string x = g.Conv(g.ReflectPad(image, 3), $"{prefix}.1");
        x = g.Relu(g.InstanceNorm(x, g.WeightShape($"{prefix}.1.weight")[0]));
        foreach (int down in new[] { 4, 7 })
        {
            x = g.Conv(x, $"{prefix}.{down}", stride: 2, padding: 1);
            x = g.Relu(g.InstanceNorm(x, g.WeightShape($"{prefix}.{down}.weight")[0]));
        }
        for (int block = 10; g.HasWeight($"{prefix}.{block}.conv_block.1.weight"); block++)
        {
            x = g.ResnetBlock(x, $"{prefix}.{block}");
        }
        return x;
    }

    /// <summary>Latent (N,C,h,w) → image (N,3,4h,4w) in [-1,1]. No sampling noise: that is for training only.</summary>
    public static string Decode(OnnxGraphBuilder g, string latent, string prefix = "decoder")
    {
        ArgumentNullException.ThrowIfNull(g);
        string x = latent;
        int block = 0;
        for (; g.HasWeight($"{prefix}.{block}.conv_block.1.weight"); block++)
        {
            x = g.ResnetBlock(x, $"{prefix}.{block}");
        }
        foreach (int up in new[] { block, block + 3 })
        {
            x = g.ConvTranspose(x, $"{prefix}.{up}", stride: 2, padding: 1);
            x = g.Relu(g.InstanceNorm(x, g.WeightShape($"{prefix}.{up}.weight")[1]));
        }
        x = g.Conv(g.ReflectPad(x, 3), $"{prefix}.{block + 7}");
        return g.Tanh(x);
    }
}
