using RestoreWeb.Training.Stages;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Stages;

public sealed class TensorImagesTests
{
    [Fact]
    public void With_the_tone_of_a_reference_each_image_takes_its_channel_means_and_its_overall_spread()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        // Channels of different spread, so that one shared contrast factor and three per-channel ones would differ.
        var images = rand(2, 3, 8, 8) * tensor(new float[] { 0.5f, 1f, 2f }).reshape(1, 3, 1, 1) - 0.7f;
        var reference = rand(2, 3, 8, 8) * 0.4f + 0.1f;

        var toned = TensorImages.WithToneOf(images, reference);

        Assert.True(toned.mean([2, 3]).allclose(reference.mean([2, 3]), atol: 1e-5));
        var spread = (toned - toned.mean([2, 3], keepdim: true)).square().mean([1, 2, 3]);
        var referenceSpread = (reference - reference.mean([2, 3], keepdim: true)).square().mean([1, 2, 3]);
        Assert.True(spread.allclose(referenceSpread, rtol: 1e-4, atol: 1e-7));
        // The channels keep their proportions: one factor per image, not per channel.
        var ratio = (toned - toned.mean([2, 3], keepdim: true)) / (images - images.mean([2, 3], keepdim: true));
        Assert.True(ratio[0].allclose(ratio[0, 0, 0, 0], rtol: 1e-3));
    }

    [Fact]
    public void A_loss_on_the_toned_images_does_not_see_their_offset_or_scale_and_sends_them_no_gradient()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        var reference = rand(1, 3, 8, 8) * 2 - 1;
        var images = rand(1, 3, 8, 8) * 2 - 1;
        var offset = tensor(new float[] { 0.3f, -0.2f, 0.1f }).reshape(1, 3, 1, 1).requires_grad_();
        var scale = tensor(0.6f).requires_grad_();

        var loss = nn.functional.l1_loss(TensorImages.WithToneOf((images * scale) + offset, reference), reference);
        loss.backward();

        Assert.Equal(nn.functional.l1_loss(TensorImages.WithToneOf(images, reference), reference).item<float>(), loss.item<float>(), 5);
        Assert.True(offset.grad!.abs().max().item<float>() < 1e-5, "the loss moved with the images' offset");
        Assert.True(Math.Abs(scale.grad!.item<float>()) < 1e-4, "the loss moved with the images' scale");
    }
}
