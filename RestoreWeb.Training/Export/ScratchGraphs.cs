using static RestoreWeb.Training.Export.OnnxGraphBuilder;

namespace RestoreWeb.Training.Export;

/// <summary>
/// The restoration with a scratch mask, split in three graphs so that the partial non-local attention can run
/// in chunks of query rows from C# (RestoreWeb.Inference.Pipeline.MaskedAttention) and no N×N tensor ever
/// exists:
/// <list type="number">
/// <item>encode: image and mask → latent features x, the attention projections θ, φ, g and the latent
/// validity map (1 = valid);</item>
/// <item>attention chunk: θ rows × φ → a softmax over valid keys only → rows of A·g;</item>
/// <item>decode: W, the non-local residual blocks, the combine fusion, the rest of the mapping and VAE B's
/// decoder.</item>
/// </list>
/// Weight keys are prefixed: "vaeA.encoder.*", "mapping.before_NL.*", "mapping.NL.*", "mapping.after_NL.*",
/// "vaeB.decoder.*".
/// </summary>
public static class ScratchGraphs
{
    public const string ImageInput = "image";
    public const string MaskInput = "mask";
    public const string FeaturesName = "features";
    public const string ThetaName = "theta";
    public const string PhiName = "phi";
    public const string GName = "g";
    public const string ValidName = "valid";
    public const string ThetaRowsInput = "theta_rows";
    public const string AttendedRowsOutput = "attended_rows";
    public const string AttendedInput = "attended";
    public const string RestoredOutput = "restored";

    /// <summary>L1 renormalisation floor of the official block (F.normalize's eps).</summary>
    private const float RenormalizeEpsilon = 1e-12f;

    public static OnnxGraphBuilder Encode(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> weights)
    {
        var g = new OnnxGraphBuilder("restore_scratch_encode", weights);
        string image = g.Input(ImageInput, "batch", 3, "height", "width");
        string mask = g.Input(MaskInput, "batch", 1, "height", "width");

        // Pixels under the mask are painted white (1 in [-1,1]) before encoding, as the official test path does.
        string one = g.Scalar(1f);
        string keep = g.Sub(one, mask);
        string filled = g.Add(g.Mul(image, keep), mask);

        string x = VaeGraph.Encode(g, filled, "vaeA.encoder");
        foreach (int index in new[] { 0, 3, 6, 9 })
        {
            x = g.ConvNormRelu(x, $"mapping.before_NL.{index}");
        }

        string flat = g.Int64s(0, 0, -1);
        string theta = g.Node("Transpose", [g.Node("Reshape", [g.Conv(x, "mapping.NL.theta"), flat])], null, Ints("perm", 0, 2, 1));
        string phi = g.Node("Reshape", [g.Conv(x, "mapping.NL.phi"), flat]);
        string gx = g.Node("Transpose", [g.Node("Reshape", [g.Conv(x, "mapping.NL.g"), flat])], null, Ints("perm", 0, 2, 1));

        string valid = LatentValidity(g, mask, keep, x);

        g.Output(FeaturesName, x, "batch", "channels", "latent_height", "latent_width");
        g.Output(ThetaName, theta, "batch", "positions", "channels");
        g.Output(PhiName, phi, "batch", "channels", "positions");
        g.Output(GName, gx, "batch", "positions", "channels");
        g.Output(ValidName, valid, "batch", 1, "latent_height", "latent_width");
        return g;
    }

    public static OnnxGraphBuilder AttentionChunk(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> weights)
    {
        var g = new OnnxGraphBuilder("restore_scratch_attention_chunk", weights);
        string theta = g.Input(ThetaRowsInput, "batch", "rows", "channels");
        string phi = g.Input(PhiName, "batch", "channels", "positions");
        string gx = g.Input(GName, "batch", "positions", "channels");
        string valid = g.Input(ValidName, "batch", 1, "positions");

        // softmax·v / max(Σ softmax·v, ε) equals e·v / max(Σ e·v, ε·Σ e) with e = exp(s − max s): the
        // official mask-and-renormalise, exactly, without dividing by the full softmax denominator first.
        string scores = g.Node("MatMul", [theta, phi]);
        string max = g.Node("ReduceMax", [scores], null, Ints("axes", 2), Int("keepdims", 1));
        string e = g.Node("Exp", [g.Sub(scores, max)]);
        string ev = g.Mul(e, valid);
        string axes = g.Int64s(2);
        string validSum = g.Node("ReduceSum", [ev, axes], null, Int("keepdims", 1));
        string floor = g.Mul(g.Node("ReduceSum", [e, axes], null, Int("keepdims", 1)), g.Scalar(RenormalizeEpsilon));
        string weightsRows = g.Div(ev, g.Node("Max", [validSum, floor]));
        g.Output(AttendedRowsOutput, g.Node("MatMul", [weightsRows, gx]), "batch", "rows", "channels");
        return g;
    }

    public static OnnxGraphBuilder Decode(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> weights)
    {
        var g = new OnnxGraphBuilder("restore_scratch_decode", weights);
        string x = g.Input(FeaturesName, "batch", "channels", "latent_height", "latent_width");
        string attended = g.Input(AttendedInput, "batch", "positions", "channels");
        string valid = g.Input(ValidName, "batch", 1, "latent_height", "latent_width");

        string y = g.Node("Reshape", [g.Node("Transpose", [attended], null, Ints("perm", 0, 2, 1)), g.Node("Shape", [x])]);
        string global = g.Conv(y, "mapping.NL.W");
        for (int block = 0; g.HasWeight($"mapping.NL.res_block.{block}.conv_block.1.weight"); block++)
        {
            global = g.ResnetBlock(global, $"mapping.NL.res_block.{block}");
        }
        // Combine fusion: valid positions keep x exactly; holes take the non-local result.
        string z = g.Add(g.Mul(valid, x), g.Mul(g.Sub(g.Scalar(1f), valid), global));

        int next = 0;
        for (; g.HasWeight($"mapping.after_NL.{next}.conv_block.1.weight"); next++)
        {
            z = g.ResnetBlock(z, $"mapping.after_NL.{next}");
        }
        for (int unit = 0; unit < 3; unit++, next += 3)
        {
            z = g.ConvNormRelu(z, $"mapping.after_NL.{next}");
        }
        z = g.Conv(z, $"mapping.after_NL.{next}", padding: 1);

        g.Output(RestoredOutput, VaeGraph.Decode(g, z, "vaeB.decoder"), "batch", 3, "height", "width");
        return g;
    }

    /// <summary>
    /// The official latent hole rule: a position is a hole if the bilinear downsampling of the mask is above 0
    /// there, or if the legacy nearest downsampling (floor of dst·in/out) of the valid map hits a hole.
    /// </summary>
    private static string LatentValidity(OnnxGraphBuilder g, string mask, string keep, string latent)
    {
        string maskShape = g.Node("Shape", [mask]);
        string latentShape = g.Node("Shape", [latent]);
        string batchAndChannel = g.Node("Slice", [maskShape, g.Int64s(0), g.Int64s(2)]);
        string latentSize = g.Node("Slice", [latentShape, g.Int64s(2), g.Int64s(4)]);
        string sizes = g.Node("Concat", [batchAndChannel, latentSize], null, Int("axis", 0));

        string bilinear = g.Node("Resize", [mask, "", "", sizes], null,
            Text("mode", "linear"), Text("coordinate_transformation_mode", "half_pixel"));
        string touched = g.Node("Cast", [g.Node("Greater", [bilinear, g.Scalar(0f)])], null,
            Int("to", (long)Onnx.TensorProto.Types.DataType.Float));
        string nearest = g.Node("Resize", [keep, "", "", sizes], null,
            Text("mode", "nearest"), Text("coordinate_transformation_mode", "asymmetric"), Text("nearest_mode", "floor"));
        return g.Mul(g.Sub(g.Scalar(1f), touched), nearest);
    }
}
