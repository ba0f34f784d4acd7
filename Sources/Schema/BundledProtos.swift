// Generated from Sources/Schema/Protos by Tests/SchemaTests/BundledProtosTests.swift; do not edit.
// After changing a .proto file, regenerate with: UPDATE_GOLDEN=1 swift test --filter SchemaTests

/// The schema's `.proto` files, by import path, compiled into the binary so
/// that pipec needs no files at run time.
package let bundledProtos: [BundledProto] = [
  BundledProto(
    path: "object_detection/protos/anchor_generator.proto",
    text: #"""
// pipec schema: choice of anchor (prior box) generator.
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/flexible_grid_anchor_generator.proto";
import "object_detection/protos/grid_anchor_generator.proto";
import "object_detection/protos/multiscale_anchor_generator.proto";
import "object_detection/protos/ssd_anchor_generator.proto";

message AnchorGenerator {
  oneof anchor_generator_oneof {
    GridAnchorGenerator grid_anchor_generator = 1;
    SsdAnchorGenerator ssd_anchor_generator = 2;
    MultiscaleAnchorGenerator multiscale_anchor_generator = 3;
    FlexibleGridAnchorGenerator flexible_grid_anchor_generator = 4;
  }
}

"""#),
  BundledProto(
    path: "object_detection/protos/argmax_matcher.proto",
    text: #"""
// pipec schema: threshold-based matcher picking the best groundtruth for
// every anchor.
syntax = "proto2";

package object_detection.protos;

message ArgMaxMatcher {
  // Similarity at or above this counts as a positive match.
  optional float matched_threshold = 1 [default = 0.5];
  // Below this is a negative; between the two thresholds is ignored.
  optional float unmatched_threshold = 2 [default = 0.5];
  // Match purely by argmax, without thresholds.
  optional bool ignore_thresholds = 3 [default = false];
  // Negatives are those strictly below unmatched_threshold.
  optional bool negatives_lower_than_unmatched = 4 [default = true];
  // Guarantee every groundtruth box at least one anchor.
  optional bool force_match_for_each_row = 5 [default = false];
  // TPU-friendly gather implementation.
  optional bool use_matmul_gather = 6 [default = false];
}

"""#),
  BundledProto(
    path: "object_detection/protos/bipartite_matcher.proto",
    text: #"""
// pipec schema: greedy bipartite matcher (one anchor per groundtruth box).
syntax = "proto2";

package object_detection.protos;

message BipartiteMatcher {
  // TPU-friendly gather implementation.
  optional bool use_matmul_gather = 6 [default = false];
}

"""#),
  BundledProto(
    path: "object_detection/protos/box_coder.proto",
    text: #"""
// pipec schema: choice of box coder (how boxes are encoded relative to
// anchors).
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/faster_rcnn_box_coder.proto";
import "object_detection/protos/keypoint_box_coder.proto";
import "object_detection/protos/mean_stddev_box_coder.proto";
import "object_detection/protos/square_box_coder.proto";

message BoxCoder {
  oneof box_coder_oneof {
    FasterRcnnBoxCoder faster_rcnn_box_coder = 1;
    MeanStddevBoxCoder mean_stddev_box_coder = 2;
    SquareBoxCoder square_box_coder = 3;
    KeypointBoxCoder keypoint_box_coder = 4;
  }
}

"""#),
  BundledProto(
    path: "object_detection/protos/box_predictor.proto",
    text: #"""
// pipec schema: prediction heads that output box encodings and class
// scores from feature maps.
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/hyperparams.proto";

message BoxPredictor {
  oneof box_predictor_oneof {
    ConvolutionalBoxPredictor convolutional_box_predictor = 1;
    MaskRCNNBoxPredictor mask_rcnn_box_predictor = 2;
    RfcnBoxPredictor rfcn_box_predictor = 3;
    WeightSharedConvolutionalBoxPredictor weight_shared_convolutional_box_predictor = 4;
  }
}

// Separate convolutional head per feature map (classic SSD).
message ConvolutionalBoxPredictor {
  optional Hyperparams conv_hyperparams = 1;
  // Depth bounds of the optional intermediate layers (0 = no bound).
  optional int32 min_depth = 2 [default = 0];
  optional int32 max_depth = 3 [default = 0];
  // Extra conv layers inserted before the prediction layers.
  optional int32 num_layers_before_predictor = 4 [default = 0];
  optional bool use_dropout = 5 [default = true];
  optional float dropout_keep_probability = 6 [default = 0.8];
  optional int32 kernel_size = 7 [default = 1];
  // Length of one box encoding (4 for plain boxes).
  optional int32 box_code_size = 8 [default = 4];
  optional bool apply_sigmoid_to_scores = 9 [default = false];
  // Initial bias of the class logits.
  optional float class_prediction_bias_init = 10 [default = 0.0];
  optional bool use_depthwise = 11 [default = false];

  // Clamp range for predicted encodings, for numerical stability.
  message BoxEncodingsClipRange {
    optional float min = 1;
    optional float max = 2;
  }
  optional BoxEncodingsClipRange box_encodings_clip_range = 12;
}

// One head whose weights are shared across all feature maps (RetinaNet).
message WeightSharedConvolutionalBoxPredictor {
  optional Hyperparams conv_hyperparams = 1;
  optional int32 num_layers_before_predictor = 4 [default = 0];
  // Depth of the shared tower layers.
  optional int32 depth = 2 [default = 0];
  optional int32 kernel_size = 7 [default = 3];
  optional int32 box_code_size = 8 [default = 4];
  optional float class_prediction_bias_init = 10 [default = 0.0];
  optional bool use_dropout = 11 [default = false];
  optional float dropout_keep_probability = 12 [default = 0.8];
  // Share one tower between box and class branches.
  optional bool share_prediction_tower = 13 [default = false];
  optional bool use_depthwise = 14 [default = false];

  enum ScoreConverter {
    IDENTITY = 0;
    SIGMOID = 1;
  }
  // Applied to class predictions inside the head.
  optional ScoreConverter score_converter = 16 [default = IDENTITY];

  message BoxEncodingsClipRange {
    optional float min = 1;
    optional float max = 2;
  }
  optional BoxEncodingsClipRange box_encodings_clip_range = 17;

  // Also use conv_hyperparams for the final prediction layers.
  optional bool apply_conv_hyperparams_to_heads = 19 [default = false];
  // Apply the hyperparams to pointwise parts of separable convolutions too.
  optional bool apply_conv_hyperparams_pointwise = 20 [default = false];
}

// Second-stage head of Faster R-CNN / Mask R-CNN.
message MaskRCNNBoxPredictor {
  // For the fully connected box/class layers.
  optional Hyperparams fc_hyperparams = 1;
  optional bool use_dropout = 2 [default = false];
  optional float dropout_keep_probability = 3 [default = 0.5];
  optional int32 box_code_size = 4 [default = 4];
  // For the mask/keypoint convolution layers.
  optional Hyperparams conv_hyperparams = 5;
  optional bool predict_instance_masks = 6 [default = false];
  // Depth of the first mask conv; 0 picks it from the feature depth.
  optional int32 mask_prediction_conv_depth = 7 [default = 256];
  optional bool predict_keypoints = 8 [default = false];
  // Output mask size in pixels.
  optional int32 mask_height = 9 [default = 15];
  optional int32 mask_width = 10 [default = 15];
  optional int32 mask_prediction_num_conv_layers = 11 [default = 2];
  optional bool masks_are_class_agnostic = 12 [default = false];
  // Predict one box for all classes instead of one per class.
  optional bool share_box_across_classes = 13 [default = false];
  // Run mask convolutions before upsampling to mask size.
  optional bool convolve_then_upsample_masks = 14 [default = false];
}

// Position-sensitive head of R-FCN.
message RfcnBoxPredictor {
  optional Hyperparams conv_hyperparams = 1;
  // Grid of position-sensitive bins.
  optional int32 num_spatial_bins_height = 2 [default = 3];
  optional int32 num_spatial_bins_width = 3 [default = 3];
  optional int32 depth = 4 [default = 1024];
  optional int32 box_code_size = 5 [default = 4];
  // Size of each cropped region, in pixels of the feature map.
  optional int32 crop_height = 6 [default = 12];
  optional int32 crop_width = 7 [default = 12];
}

"""#),
  BundledProto(
    path: "object_detection/protos/calibration.proto",
    text: #"""
// pipec schema: post-hoc calibration of detection scores.
syntax = "proto2";

package object_detection.protos;

message CalibrationConfig {
  oneof calibrator {
    // Piecewise-linear map shared by all classes.
    FunctionApproximation function_approximation = 1;
    // Piecewise-linear map per class id.
    ClassIdFunctionApproximations class_id_function_approximations = 2;
    SigmoidCalibration sigmoid_calibration = 3;
    ClassIdSigmoidCalibrations class_id_sigmoid_calibrations = 4;
    TemperatureScalingCalibration temperature_scaling_calibration = 5;
  }
}

message FunctionApproximation {
  optional XYPairs x_y_pairs = 1;
}

message ClassIdFunctionApproximations {
  // Keyed by class id.
  map<int32, XYPairs> class_id_xy_pairs_map = 1;
}

message SigmoidCalibration {
  optional SigmoidParameters sigmoid_parameters = 1;
}

message ClassIdSigmoidCalibrations {
  // Keyed by class id.
  map<int32, SigmoidParameters> class_id_sigmoid_parameters_map = 1;
}

// Divides the logits by `scaler`.
message TemperatureScalingCalibration {
  optional float scaler = 1;
}

// Which classes the calibration data was collected on.
enum TrainingDataType {
  DATA_TYPE_UNKNOWN = 0;
  ALL_CLASSES = 1;
  CLASS_SPECIFIC = 2;
}

// Sample points (input score x, calibrated score y) of the mapping.
message XYPairs {
  message XYPair {
    optional float x = 1;
    optional float y = 2;
  }
  repeated XYPair x_y_pair = 1;
  optional TrainingDataType training_data_type = 2;
}

// Platt scaling: 1 / (1 + exp(a * x + b)).
message SigmoidParameters {
  optional float a = 1 [default = -1.0];
  optional float b = 2 [default = 0.0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/center_net.proto",
    text: #"""
// pipec schema: CenterNet ("objects as points") meta-architecture with its
// detection, keypoint, mask, DensePose, tracking and DeepMAC task heads.
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/image_resizer.proto";
import "object_detection/protos/losses.proto";
import "object_detection/protos/post_processing.proto";
import "object_detection/protos/preprocessor.proto";

message CenterNet {
  // Number of object classes (CenterNet has no background class).
  optional int32 num_classes = 1;
  optional CenterNetFeatureExtractor feature_extractor = 2;
  optional ImageResizer image_resizer = 3;
  // Build every task head with separable convolutions.
  optional bool use_depthwise = 13 [default = false];
  // Use the sparse op for center heatmap targets (scales better with many
  // classes, may use more memory in some cases).
  optional bool compute_heatmap_sparse = 15 [default = false];

  // Shape of a prediction head: one conv layer per list entry. Both lists
  // must have the same length; unset means one layer of 256 filters, 3x3.
  message PredictionHeadParams {
    repeated int32 num_filters = 1;
    repeated int32 kernel_sizes = 2;
  }

  // Box size and offset regression.
  message ObjectDetection {
    // Numbers of fields that were moved or removed.
    reserved 2, 5, 6, 7;

    // Weight of this task in the total loss.
    optional float task_loss_weight = 1 [default = 1.0];
    optional float offset_loss_weight = 3 [default = 1.0];
    // Weight of the box height/width loss.
    optional float scale_loss_weight = 4 [default = 0.1];
    optional LocalizationLoss localization_loss = 8;
    optional PredictionHeadParams scale_head_params = 9;
    optional PredictionHeadParams offset_head_params = 10;
  }
  optional ObjectDetection object_detection_task = 4;

  // Object center heatmap; needed by both detection and keypoint tasks.
  message ObjectCenterParams {
    optional float object_center_loss_weight = 1 [default = 1.0];
    optional ClassificationLoss classification_loss = 2;
    // Initial bias of the heatmap logits; -2.19 is about a 0.1 prior.
    optional float heatmap_bias_init = 3 [default = -2.19];
    // Overlap used to size the Gaussian around each center.
    optional float min_box_overlap_iou = 4 [default = 0.7];
    optional int32 max_box_predictions = 5 [default = 100];
    // Compute the loss only for classes labeled in the image.
    optional bool use_labeled_classes = 6 [default = false];
    // If set (one weight per keypoint), the center is the weighted mean of
    // the keypoints instead of the box center.
    repeated float keypoint_weights_for_center = 7;
    optional PredictionHeadParams center_head_params = 8;
    // Max-pool window used to find heatmap peaks.
    optional int32 peak_max_pool_kernel_size = 9 [default = 3];
  }
  optional ObjectCenterParams object_center_params = 5;

  // Label map (StringIntLabelMap text) carrying keypoint definitions;
  // required when a keypoint task is configured.
  optional string keypoint_label_map_path = 6;

  // One keypoint estimation task (e.g. human pose) for one class.
  message KeypointEstimation {
    // Unique task name.
    optional string task_name = 1;
    optional float task_loss_weight = 2 [default = 1.0];
    // Classification part drives the heatmap loss; localization part the
    // offset and regression losses.
    optional Loss loss = 3;
    // Label map `name` of the class owning the keypoints.
    optional string keypoint_class_name = 4;
    // Gaussian sigma per keypoint label, in output pixels (5.0 if absent).
    map<string, float> keypoint_label_to_std = 5;
    optional float keypoint_regression_loss_weight = 6 [default = 1.0];
    optional float keypoint_heatmap_loss_weight = 7 [default = 1.0];
    optional float keypoint_offset_loss_weight = 8 [default = 1.0];
    optional float heatmap_bias_init = 9 [default = -2.19];
    // Minimum heatmap score for a keypoint candidate.
    optional float keypoint_candidate_score_threshold = 10 [default = 0.1];
    optional int32 num_candidates_per_keypoint = 11 [default = 100];
    optional int32 peak_max_pool_kernel_size = 12 [default = 3];
    // Score given to regressed keypoints not snapped to a candidate.
    optional float unmatched_keypoint_score = 13 [default = 0.1];
    // Box enlargement factor defining the keypoint search window.
    optional float box_scale = 14 [default = 1.2];
    // Search radius as a fraction of the largest box side.
    optional float candidate_search_scale = 15 [default = 0.3];
    // "min_distance", "score_distance_ratio", "score_scaled_distance_ratio",
    // "gaussian_weighted" or "gaussian_weighted_const".
    optional string candidate_ranking_mode = 16 [default = "min_distance"];
    // Offset in the score / (distance + offset) ranking.
    optional float score_distance_offset = 22 [default = 1.0];
    // Box-size multiplier used as that offset in the scaled variant.
    optional float score_distance_multiplier = 28 [default = 0.1];
    // Sigma multiplier for Gaussian-weighted ranking.
    optional float std_dev_multiplier = 29 [default = 1.0];
    // Radius (output pixels) around a peak that receives offset targets.
    optional int32 offset_peak_radius = 17 [default = 0];
    // Separate offset channels for each keypoint.
    optional bool per_keypoint_offset = 18 [default = false];
    // Predict keypoint depth (single-class tasks only).
    optional bool predict_depth = 19 [default = false];
    optional bool per_keypoint_depth = 20 [default = false];
    optional float keypoint_depth_loss_weight = 21 [default = 1.0];
    // Clip keypoints to the image; clipped ones get score 0.
    optional bool clip_out_of_frame_keypoints = 23 [default = false];
    // Rescore instances using their keypoint scores.
    optional bool rescore_instances = 24 [default = false];
    // Keypoints scoring below this are left out of that rescoring.
    optional float rescoring_threshold = 30 [default = 0.0];
    // Fraction of the output size used in the Gaussian denominator
    // ("gaussian_weighted_const" ranking).
    optional float gaussian_denom_ratio = 31 [default = 0.1];
    // Argmax-based postprocessing (e.g. for browser export).
    optional bool argmax_postprocessing = 32 [default = false];
    optional PredictionHeadParams heatmap_head_params = 25;
    optional PredictionHeadParams offset_head_params = 26;
    optional PredictionHeadParams regress_head_params = 27;
  }
  repeated KeypointEstimation keypoint_estimation_task = 7;

  // Semantic mask head whose output is cropped per detection.
  message MaskEstimation {
    optional float task_loss_weight = 1 [default = 1.0];
    optional ClassificationLoss classification_loss = 2;
    // Output instance mask size in pixels and binarization threshold.
    optional int32 mask_height = 4 [default = 256];
    optional int32 mask_width = 5 [default = 256];
    optional float score_threshold = 6 [default = 0.5];
    optional float heatmap_bias_init = 3 [default = -2.19];
    optional PredictionHeadParams mask_head_params = 7;
  }
  optional MaskEstimation mask_estimation_task = 8;

  // DensePose part classification and surface coordinate regression.
  message DensePoseEstimation {
    optional float task_loss_weight = 1 [default = 1.0];
    // 0-based id of the class carrying DensePose annotations.
    optional int32 class_id = 2;
    optional Loss loss = 3;
    // Number of body parts.
    optional int32 num_parts = 4 [default = 24];
    optional float part_loss_weight = 5 [default = 1.0];
    optional float coordinate_loss_weight = 6 [default = 1.0];
    // Compute the loss at input resolution.
    optional bool upsample_to_input_res = 7 [default = true];
    optional float heatmap_bias_init = 8 [default = -2.19];
  }
  optional DensePoseEstimation densepose_estimation_task = 9;

  // Re-identification embedding for multi-object tracking.
  message TrackEstimation {
    optional float task_loss_weight = 1 [default = 1.0];
    // Largest track id in the dataset.
    optional int32 num_track_ids = 2;
    optional int32 reid_embed_size = 3 [default = 128];
    // Number of FC layers in the track-id classifier.
    optional int32 num_fc_layers = 4 [default = 1];
    optional ClassificationLoss classification_loss = 5;
  }
  optional TrackEstimation track_estimation_task = 10;

  // Offset of each object center relative to the previous frame.
  message TemporalOffsetEstimation {
    optional float task_loss_weight = 1 [default = 1.0];
    optional LocalizationLoss localization_loss = 2;
  }
  optional TemporalOffsetEstimation temporal_offset_task = 12;

  // DeepMAC class-agnostic instance masks from box supervision.
  message DeepMACMaskEstimation {
    optional ClassificationLoss classification_loss = 1;
    optional float task_loss_weight = 2 [default = 1.0];
    // Per-instance and per-pixel embedding sizes.
    optional int32 dim = 3 [default = 256];
    optional int32 pixel_embedding_dim = 4 [default = 16];
    // Train masks only for these classes (evaluation is unaffected).
    repeated int32 allowed_masked_classes_ids = 5;
    // ROI crop size (pixels) fed to the mask network.
    optional int32 mask_size = 6 [default = 32];
    // When positive, subsample this many instances to save memory.
    optional int32 mask_num_subsamples = 67 [default = -1];
    // Feed (x, y) coordinates to the mask network.
    optional bool use_xy = 8 [default = true];
    optional string network_type = 9 [default = "hourglass52"];
    optional bool use_instance_embedding = 10 [default = true];
    optional int32 num_init_channels = 11 [default = 64];
    // Predict at output-stride resolution instead of mask_size.
    optional bool predict_full_resolution_masks = 12 [default = false];
    // Crop size (pixels) of masks returned by postprocessing.
    optional int32 postprocess_crop_size = 13 [default = 256];
    // Max relative ROI jitter during training.
    optional float max_roi_jitter_ratio = 14 [default = 0.0];
    optional RandomJitterBoxes.JitterMode jitter_mode = 15 [default = DEFAULT];
    // BoxInst-style box projection loss weight.
    optional float box_consistency_loss_weight = 16 [default = 0.0];
    // Pairwise feature-similarity loss settings.
    optional float feature_consistency_threshold = 17 [default = 0.4];
    optional int32 feature_consistency_dilation = 18 [default = 2];
    optional float feature_consistency_loss_weight = 19 [default = 0.0];
    optional LossNormalize box_consistency_loss_normalize = 20
        [default = NORMALIZE_AUTO];
    // Restrict the box projection max to inside the box.
    optional bool box_consistency_tightness = 21 [default = false];
    optional int32 feature_consistency_warmup_steps = 22 [default = 0];
    optional int32 feature_consistency_warmup_start = 23 [default = 0];
    // Apply the mask losses to the last network stage only.
    optional bool use_only_last_stage = 24 [default = false];
    // Self-supervision from augmented copies of the input.
    optional float augmented_self_supervision_max_translation = 25
        [default = 0.0];
    optional float augmented_self_supervision_flip_probability = 26
        [default = 0.0];
    optional float augmented_self_supervision_loss_weight = 27
        [default = 0.0];
    optional int32 augmented_self_supervision_warmup_start = 28 [default = 0];
    optional int32 augmented_self_supervision_warmup_steps = 29 [default = 0];
    optional AugmentedSelfSupervisionLoss augmented_self_supervision_loss = 30
        [default = LOSS_DICE];
    optional float augmented_self_supervision_scale_min = 31 [default = 1.0];
    optional float augmented_self_supervision_scale_max = 32 [default = 1.0];
    optional float pointly_supervised_keypoint_loss_weight = 33
        [default = 0.0];
    optional bool ignore_per_class_box_overlap = 34 [default = false];
    optional FeatureConsistencyType feature_consistency_type = 35
        [default = CONSISTENCY_DEFAULT_LAB];
    optional FeatureConsistencyComparison feature_consistency_comparison = 36
        [default = COMPARISON_DEFAULT_GAUSSIAN];
  }
  optional DeepMACMaskEstimation deepmac_mask_estimation = 14;

  // Optional classic NMS / score thresholding on top of peak extraction.
  optional PostProcessing post_processing = 24;

  // Return the raw prediction dictionary from the exported model.
  optional bool output_prediction_dict = 25 [default = false];
}

// Normalization of the DeepMAC box consistency loss.
enum LossNormalize {
  // Sum for 2-D inputs (dice), mean otherwise.
  NORMALIZE_AUTO = 0;
  NORMALIZE_GROUNDTRUTH_COUNT = 1;
  NORMALIZE_BALANCED = 3;
}

// Loss comparing masks predicted on augmented copies.
enum AugmentedSelfSupervisionLoss {
  LOSS_UNSET = 0;
  LOSS_DICE = 1;
  LOSS_MSE = 2;
  LOSS_KL_DIV = 3;
}

// Which features the consistency loss compares.
enum FeatureConsistencyType {
  // Colors in LAB space.
  CONSISTENCY_DEFAULT_LAB = 0;
  CONSISTENCY_FEATURE_MAP = 1;
}

enum FeatureConsistencyComparison {
  COMPARISON_DEFAULT_GAUSSIAN = 0;
  COMPARISON_NORMALIZED_DOTPROD = 1;
}

message CenterNetFeatureExtractor {
  optional string type = 1;
  // Per-channel normalization (defaults 0 and 1 when empty).
  repeated float channel_means = 2;
  repeated float channel_stds = 3;
  // Feed channels in BGR order.
  optional bool bgr_ordering = 4 [default = false];
  // Separable convolutions in the upsampling / FPN layers.
  optional bool use_depthwise = 5 [default = false];
  // Width multiplier, for extractors that support one (e.g. MobileNet).
  optional float depth_multiplier = 9 [default = 1.0];
  optional bool use_separable_conv = 10 [default = false];
  // "nearest" or "bilinear" FPN upsampling.
  optional string upsampling_interpolation = 11 [default = "nearest"];
}

"""#),
  BundledProto(
    path: "object_detection/protos/eval.proto",
    text: #"""
// pipec schema: evaluation job settings (metrics, visualization, export).
syntax = "proto2";

package object_detection.protos;

message EvalConfig {
  optional uint32 batch_size = 25 [default = 1];
  // How many images get rendered with detections for inspection.
  optional uint32 num_visualizations = 1 [default = 10];
  // Legacy field; no longer honoured.
  optional uint32 num_examples = 2 [default = 5000, deprecated = true];
  // Seconds to wait between evaluation rounds.
  optional uint32 eval_interval_secs = 3 [default = 300];
  // Legacy field; 0 meant "evaluate forever".
  optional uint32 max_evals = 4 [default = 0, deprecated = true];
  optional bool save_graph = 5 [default = false];
  // Directory for exported visualization images; empty disables export.
  optional string visualization_export_dir = 6 [default = ""];
  optional string eval_master = 7 [default = ""];
  // Names of metric suites, e.g. "coco_detection_metrics".
  repeated string metrics_set = 8;
  // Where to write detections as COCO-style JSON; empty disables it.
  optional string export_path = 9 [default = ""];
  // When true, groundtruth is not read and only detections are exported.
  optional bool ignore_groundtruth = 10 [default = false];
  optional bool use_moving_averages = 11 [default = false];
  optional bool eval_instance_masks = 12 [default = false];
  // Detections scoring below this are not drawn.
  optional float min_score_threshold = 13 [default = 0.5];
  optional int32 max_num_boxes_to_visualize = 14 [default = 20];
  // Drop the score and/or class name from drawn box captions.
  optional bool skip_scores = 15 [default = false];
  optional bool skip_labels = 16 [default = false];
  optional bool visualize_groundtruth_boxes = 17 [default = false];
  // Color name used for groundtruth boxes in visualizations.
  optional string groundtruth_box_visualization_color = 18 [default = "black"];
  optional bool keep_image_id_for_visualization_export = 19 [default = false];
  // Keep the un-preprocessed images around for summaries.
  optional bool retain_original_images = 23 [default = true];
  // Adds per-class numbers to the metric output.
  optional bool include_metrics_per_category = 24 [default = false];
  // Recall interval (fractions in [0, 1]) used when computing precision.
  optional float recall_lower_bound = 26 [default = 0.0];
  optional float recall_upper_bound = 27 [default = 1.0];
  optional bool retain_original_image_additional_channels = 28
      [default = false];
  // Evaluate at the input resolution instead of resizing.
  optional bool force_no_resize = 29 [default = false];
  // Report a dummy loss during eval (useful when the loss is not defined).
  optional bool use_dummy_loss_in_eval = 30 [default = false];
  // Metrics that take extra parameters.
  repeated ParameterizedMetric parameterized_metric = 31;
  // Keypoint index pairs drawn as skeleton edges in visualizations.
  repeated KeypointEdge keypoint_edge = 32;
  optional bool skip_predictions_for_unlabeled_class = 33 [default = false];
  // Maps a super-category name to a comma separated list of class names.
  map<string, string> super_categories = 34;
  // Report every metric per class, not just the headline one.
  optional bool all_metrics_per_category = 35 [default = false];
  // Treat an empty image-level class list as "all classes present".
  optional bool image_classes_field_map_empty_to_ones = 36 [default = true];
}

// Wrapper for metrics that need configuration.
message ParameterizedMetric {
  oneof parameterized_metric {
    CocoKeypointMetrics coco_keypoint_metrics = 1;
  }
}

// COCO keypoint (OKS) metric settings for one class.
message CocoKeypointMetrics {
  // Class whose keypoints are evaluated.
  optional string class_label = 1;
  // Per-keypoint sigma used in the OKS formula, keyed by keypoint label.
  map<string, float> keypoint_label_to_sigmas = 2;
}

// A line between two keypoints, by keypoint index.
message KeypointEdge {
  optional int32 start = 1;
  optional int32 end = 2;
}

"""#),
  BundledProto(
    path: "object_detection/protos/faster_rcnn.proto",
    text: #"""
// pipec schema: two-stage Faster R-CNN meta-architecture (also R-FCN,
// Mask R-CNN and Context R-CNN).
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/anchor_generator.proto";
import "object_detection/protos/box_predictor.proto";
import "object_detection/protos/fpn.proto";
import "object_detection/protos/hyperparams.proto";
import "object_detection/protos/image_resizer.proto";
import "object_detection/protos/losses.proto";
import "object_detection/protos/post_processing.proto";

// Fields prefixed first_stage_ configure the region proposal network (RPN);
// second_stage_ fields configure the box classifier.
message FasterRcnn {
  // 1 builds only the RPN; 2 adds the box classifier; 3 also runs the
  // second stage again on the final detections.
  optional int32 number_of_stages = 1 [default = 2];
  // Number of object classes, not counting background.
  optional int32 num_classes = 3;
  optional ImageResizer image_resizer = 4;
  optional FasterRcnnFeatureExtractor feature_extractor = 5;

  optional AnchorGenerator first_stage_anchor_generator = 6;
  // Dilation of the RPN box-predictor convolution.
  optional int32 first_stage_atrous_rate = 7 [default = 1];
  optional Hyperparams first_stage_box_predictor_conv_hyperparams = 8;
  optional int32 first_stage_box_predictor_kernel_size = 9 [default = 3];
  optional int32 first_stage_box_predictor_depth = 10 [default = 512];
  // Anchors sampled per image for the RPN losses.
  optional int32 first_stage_minibatch_size = 11 [default = 256];
  optional float first_stage_positive_balance_fraction = 12 [default = 0.5];
  optional float first_stage_nms_score_threshold = 13 [default = 0.0];
  optional float first_stage_nms_iou_threshold = 14 [default = 0.7];
  // Proposals kept after RPN NMS.
  optional int32 first_stage_max_proposals = 15 [default = 300];
  optional float first_stage_localization_loss_weight = 16 [default = 1.0];
  optional float first_stage_objectness_loss_weight = 17 [default = 1.0];

  // ROI cropping (ignored by R-FCN): bilinear crop size in pixels, then an
  // optional max pool.
  optional int32 initial_crop_size = 18;
  optional int32 maxpool_kernel_size = 19;
  optional int32 maxpool_stride = 20;

  // An rfcn_box_predictor here turns the model into R-FCN.
  optional BoxPredictor second_stage_box_predictor = 21;
  // Proposals sampled per image for the second-stage losses (not used with
  // hard example mining).
  optional int32 second_stage_batch_size = 22 [default = 64];
  optional float second_stage_balance_fraction = 23 [default = 0.25];
  // Its score_converter must agree with the classification loss.
  optional PostProcessing second_stage_post_processing = 24;
  optional float second_stage_localization_loss_weight = 25 [default = 1.0];
  optional float second_stage_classification_loss_weight = 26 [default = 1.0];
  // Only meaningful when the box predictor predicts masks.
  optional float second_stage_mask_prediction_loss_weight = 27 [default = 1.0];
  optional HardExampleMiner hard_example_miner = 28;
  // Softmax loss is used when unset.
  optional ClassificationLoss second_stage_classification_loss = 29;
  // Update batch norm statistics in place (required on TPU).
  optional bool inplace_batchnorm_update = 30 [default = false];
  // TPU-friendly alternatives to crop_and_resize / gather.
  optional bool use_matmul_crop_and_resize = 31 [default = false];
  // Clip anchors to the image instead of dropping those that stick out.
  optional bool clip_anchors_to_image = 32 [default = false];
  optional bool use_matmul_gather_in_matcher = 33 [default = false];
  optional bool use_static_balanced_label_sampler = 34 [default = false];
  // Use statically shaped ops throughout (TPU).
  optional bool use_static_shapes = 35 [default = false];
  // Resize groundtruth masks together with the image.
  optional bool resize_masks = 36 [default = true];
  optional bool use_static_shapes_for_eval = 37 [default = false];
  optional bool use_partitioned_nms_in_first_stage = 38 [default = true];
  optional bool return_raw_detections_during_predict = 39 [default = false];
  optional bool use_combined_nms_in_first_stage = 40 [default = false];
  // Context R-CNN attention over a memory bank of context features.
  optional Context context_config = 41;
  // Export pooled box features / RPN features with the detections.
  optional bool output_final_box_features = 42 [default = false];
  optional bool output_final_box_rpn_features = 43 [default = false];
}

// Settings of the Context R-CNN attention block.
message Context {
  optional int32 max_num_context_features = 1 [default = 2000];
  optional int32 attention_bottleneck_dimension = 2 [default = 2048];
  // Softmax temperature of the attention weights.
  optional float attention_temperature = 3 [default = 0.01];
  // Length of each stored context feature vector.
  optional int32 context_feature_length = 4 [default = 2057];
  optional bool use_self_attention = 6 [default = false];
  optional bool use_long_term_attention = 7 [default = true];
  optional bool self_attention_in_sequence = 8 [default = false];
  optional int32 num_attention_heads = 9 [default = 1];
  optional int32 num_attention_layers = 11 [default = 1];
  optional AttentionPosition attention_position = 10
      [default = POST_BOX_CLASSIFIER];
}

// Where the context attention is inserted.
enum AttentionPosition {
  ATTENTION_DEFAULT = 0;
  POST_BOX_CLASSIFIER = 1;
  POST_RPN = 2;
}

message FasterRcnnFeatureExtractor {
  // Registered extractor name, e.g. "faster_rcnn_resnet50_keras".
  optional string type = 1;
  // Output stride of the RPN feature map, in pixels.
  optional int32 first_stage_features_stride = 2 [default = 16];
  // Update batch norm parameters during training.
  optional bool batch_norm_trainable = 3 [default = false];
  // Hyperparameters for layers added on top of the backbone (FPN variants).
  optional Hyperparams conv_hyperparams = 4;
  optional bool override_base_feature_extractor_hyperparams = 5
      [default = false];
  // Input is zero-padded to a multiple of this many pixels.
  optional int32 pad_to_multiple = 6 [default = 32];
  optional FeaturePyramidNetworks fpn = 7;
}

"""#),
  BundledProto(
    path: "object_detection/protos/faster_rcnn_box_coder.proto",
    text: #"""
// pipec schema: center/size box encoding of Faster R-CNN.
syntax = "proto2";

package object_detection.protos;

// Encoded offsets are multiplied by these scales.
message FasterRcnnBoxCoder {
  optional float y_scale = 1 [default = 10.0];
  optional float x_scale = 2 [default = 10.0];
  optional float height_scale = 3 [default = 5.0];
  optional float width_scale = 4 [default = 5.0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/flexible_grid_anchor_generator.proto",
    text: #"""
// pipec schema: anchors described grid by grid, one grid per feature map.
syntax = "proto2";

package object_detection.protos;

message FlexibleGridAnchorGenerator {
  repeated AnchorGrid anchor_grid = 1;
  optional bool normalize_coordinates = 2 [default = true];
}

// Anchors of one feature map; sizes and strides are in pixels.
message AnchorGrid {
  repeated float base_sizes = 1;
  repeated float aspect_ratios = 2;
  optional uint32 height_stride = 3;
  optional uint32 width_stride = 4;
  optional uint32 height_offset = 5 [default = 0];
  optional uint32 width_offset = 6 [default = 0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/fpn.proto",
    text: #"""
// pipec schema: feature pyramid settings for SSD and Faster R-CNN feature
// extractors.
syntax = "proto2";

package object_detection.protos;

// Classic top-down FPN. Levels are log2 of the stride (level 3 = stride 8).
message FeaturePyramidNetworks {
  optional int32 min_level = 1 [default = 3];
  optional int32 max_level = 2 [default = 7];
  // Channel depth of the extra pyramid layers.
  optional int32 additional_layer_depth = 3 [default = 256];
}

// BiFPN as used by EfficientDet.
message BidirectionalFeaturePyramidNetworks {
  optional int32 min_level = 1 [default = 3];
  optional int32 max_level = 2 [default = 7];
  // Number of stacked BiFPN blocks.
  optional int32 num_iterations = 3;
  optional int32 num_filters = 4;
  // Feature fusion: "fast_attention", "attention" or "sum".
  optional string combine_method = 5 [default = "fast_attention"];
  // Use the native TF resize op instead of a custom upsampling.
  optional bool use_native_resize_op = 6;
}

"""#),
  BundledProto(
    path: "object_detection/protos/graph_rewriter.proto",
    text: #"""
// pipec schema: optional graph rewrites applied after the model is built
// (currently quantization-aware training).
syntax = "proto2";

package object_detection.protos;

message GraphRewriter {
  optional Quantization quantization = 1;
  // Reserved for rewriters defined outside this schema.
  extensions 1000 to max;
}

// Fake-quantization settings for quantization-aware training.
message Quantization {
  // Number of training steps before quantization ops become active.
  optional int32 delay = 1 [default = 500000];
  // Bit widths used for weights and activations.
  optional int32 weight_bits = 2 [default = 8];
  optional int32 activation_bits = 3 [default = 8];
  // Whether the quantization range is symmetric around zero.
  optional bool symmetric = 4 [default = false];
}

"""#),
  BundledProto(
    path: "object_detection/protos/grid_anchor_generator.proto",
    text: #"""
// pipec schema: single-grid anchors, as used by the Faster R-CNN RPN.
syntax = "proto2";

package object_detection.protos;

message GridAnchorGenerator {
  // Base anchor size in pixels.
  optional int32 height = 1 [default = 256];
  optional int32 width = 2 [default = 256];
  // Distance between anchor centers, in pixels.
  optional int32 height_stride = 3 [default = 16];
  optional int32 width_stride = 4 [default = 16];
  // Position of the first anchor center, in pixels.
  optional int32 height_offset = 5 [default = 0];
  optional int32 width_offset = 6 [default = 0];
  // Multipliers of the base size; every scale is paired with every ratio.
  repeated float scales = 7;
  repeated float aspect_ratios = 8;
}

"""#),
  BundledProto(
    path: "object_detection/protos/hyperparams.proto",
    text: #"""
// pipec schema: layer hyperparameters (regularization, initialization,
// activation, normalization) shared by convolutional and dense layers.
syntax = "proto2";

package object_detection.protos;

message Hyperparams {
  // Which kind of layer these settings target.
  enum Op {
    // Regular, separable and transposed convolutions.
    CONV = 1;
    // Fully connected layers.
    FC = 2;
  }
  optional Op op = 1 [default = CONV];

  optional Regularizer regularizer = 2;
  optional Initializer initializer = 3;

  enum Activation {
    NONE = 0;
    RELU = 1;
    RELU_6 = 2;
    SWISH = 3;
  }
  optional Activation activation = 4 [default = RELU];

  // At most one normalizer; none set means no normalization.
  oneof normalizer_oneof {
    BatchNorm batch_norm = 5;
    GroupNorm group_norm = 7;
    // Batch norm synchronized across replicas (Keras models only).
    BatchNorm sync_batch_norm = 9;
  }

  // Also regularize depthwise kernels.
  optional bool regularize_depthwise = 6 [default = false];

  // Keep a bias term even when batch norm with centering is used
  // (Keras models only).
  optional bool force_use_bias = 8 [default = false];
}

message Regularizer {
  oneof regularizer_oneof {
    L1Regularizer l1_regularizer = 1;
    L2Regularizer l2_regularizer = 2;
  }
}

message L1Regularizer {
  optional float weight = 1 [default = 1.0];
}

message L2Regularizer {
  optional float weight = 1 [default = 1.0];
}

message Initializer {
  oneof initializer_oneof {
    TruncatedNormalInitializer truncated_normal_initializer = 1;
    VarianceScalingInitializer variance_scaling_initializer = 2;
    RandomNormalInitializer random_normal_initializer = 3;
    // Name of a built-in Keras initializer, e.g. "glorot_uniform".
    string keras_initializer_by_name = 4;
  }
}

message TruncatedNormalInitializer {
  optional float mean = 1 [default = 0.0];
  optional float stddev = 2 [default = 1.0];
}

// He/Glorot style initialization.
message VarianceScalingInitializer {
  optional float factor = 1 [default = 2.0];
  // Uniform instead of (truncated) normal distribution.
  optional bool uniform = 2 [default = false];
  enum Mode {
    FAN_IN = 0;
    FAN_OUT = 1;
    FAN_AVG = 2;
  }
  optional Mode mode = 3 [default = FAN_IN];
}

message RandomNormalInitializer {
  optional float mean = 1 [default = 0.0];
  optional float stddev = 2 [default = 1.0];
}

message BatchNorm {
  // Moving-average decay of the statistics.
  optional float decay = 1 [default = 0.999];
  // Learn an offset (beta) / a scale (gamma).
  optional bool center = 2 [default = true];
  optional bool scale = 3 [default = false];
  optional float epsilon = 4 [default = 0.001];
  // When false the stored statistics and parameters are frozen.
  optional bool train = 5 [default = true];
}

// Group normalization; it has no tunable fields.
message GroupNorm {}

"""#),
  BundledProto(
    path: "object_detection/protos/image_resizer.proto",
    text: #"""
// pipec schema: how input images are resized before entering the network.
syntax = "proto2";

package object_detection.protos;

message ImageResizer {
  oneof image_resizer_oneof {
    KeepAspectRatioResizer keep_aspect_ratio_resizer = 1;
    FixedShapeResizer fixed_shape_resizer = 2;
    IdentityResizer identity_resizer = 3;
    ConditionalShapeResizer conditional_shape_resizer = 4;
    PadToMultipleResizer pad_to_multiple_resizer = 5;
  }
}

// Interpolation used for resizing.
enum ResizeType {
  BILINEAR = 0;
  NEAREST_NEIGHBOR = 1;
  BICUBIC = 2;
  AREA = 3;
}

// Leaves the image as is.
message IdentityResizer {}

// Scales so the short side reaches min_dimension unless the long side would
// exceed max_dimension (both in pixels).
message KeepAspectRatioResizer {
  optional int32 min_dimension = 1 [default = 600];
  optional int32 max_dimension = 2 [default = 1024];
  optional ResizeType resize_method = 3 [default = BILINEAR];
  // Pad to a max_dimension x max_dimension square afterwards.
  optional bool pad_to_max_dimension = 4 [default = false];
  optional bool convert_to_grayscale = 5 [default = false];
  // Per-channel value used for that padding (zeros when unset).
  repeated float per_channel_pad_value = 6;
}

// Resizes to exactly height x width pixels.
message FixedShapeResizer {
  optional int32 height = 1 [default = 300];
  optional int32 width = 2 [default = 300];
  optional ResizeType resize_method = 3 [default = BILINEAR];
  optional bool convert_to_grayscale = 4 [default = false];
}

// Resizes only when the larger (GREATER) or smaller (SMALLER) side is
// beyond size_threshold pixels, keeping the aspect ratio.
message ConditionalShapeResizer {
  enum ResizeCondition {
    INVALID = 0;
    GREATER = 1;
    SMALLER = 2;
  }
  optional ResizeCondition condition = 1 [default = GREATER];
  optional int32 size_threshold = 2 [default = 300];
  optional ResizeType resize_method = 3 [default = BILINEAR];
  optional bool convert_to_grayscale = 4 [default = false];
}

// Zero-pads height and width up to a multiple of `multiple` pixels.
message PadToMultipleResizer {
  optional int32 multiple = 1 [default = 1];
  optional bool convert_to_grayscale = 4 [default = false];
}

"""#),
  BundledProto(
    path: "object_detection/protos/input_reader.proto",
    text: #"""
// pipec schema: where training/eval examples come from and how they are
// decoded, shuffled and batched.
syntax = "proto2";

package object_detection.protos;

// Encoding of instance masks inside the records.
enum InstanceMaskType {
  // Whatever the decoder treats as default (numerical masks).
  DEFAULT = 0;
  // Dense float masks, one plane per object.
  NUMERICAL_MASKS = 1;
  // One PNG-encoded mask per object.
  PNG_MASKS = 2;
}

// Record format of the input files.
enum InputType {
  INPUT_DEFAULT = 0;
  TF_EXAMPLE = 1;
  TF_SEQUENCE_EXAMPLE = 2;
}

message InputReader {
  // Reader name, used to tell several eval readers apart.
  optional string name = 23 [default = ""];
  // Path to a StringIntLabelMap text file.
  optional string label_map_path = 1 [default = ""];
  optional bool shuffle = 2 [default = true];
  optional uint32 shuffle_buffer_size = 11 [default = 2048];
  optional uint32 filenames_shuffle_buffer_size = 12 [default = 100];
  // Passes over the data; 0 repeats forever.
  optional uint32 num_epochs = 5 [default = 0];
  // Keep only one example out of every N.
  optional uint32 sample_1_of_n_examples = 22 [default = 1];
  // Number of files read concurrently.
  optional uint32 num_readers = 6 [default = 64];
  optional uint32 num_parallel_batches = 19 [default = 8];
  // Batches prefetched ahead of the model; -1 lets the runtime tune it.
  optional int32 num_prefetch_batches = 20 [default = 2];
  // TF1 queue settings that no longer have any effect.
  optional uint32 queue_capacity = 3 [default = 2000, deprecated = true];
  optional uint32 min_after_dequeue = 4 [default = 1000, deprecated = true];
  optional uint32 read_block_length = 15 [default = 32];
  optional uint32 prefetch_size = 13 [default = 512, deprecated = true];
  optional uint32 num_parallel_map_calls = 14 [default = 64, deprecated = true];
  // Extra image channels to decode beyond RGB.
  optional int32 num_additional_channels = 18 [default = 0];
  // Keypoints per object; 0 disables keypoint decoding.
  optional uint32 num_keypoints = 16 [default = 0];
  // Per-keypoint loss weights, one value per keypoint.
  repeated float keypoint_type_weight = 26;
  // Boxes per image are padded/clipped to this count.
  optional int32 max_number_of_boxes = 21 [default = 100];
  optional bool load_multiclass_scores = 24 [default = false];
  optional bool load_instance_masks = 7 [default = false];
  optional InstanceMaskType mask_type = 10 [default = NUMERICAL_MASKS];
  // Map class text through display_name instead of name.
  optional bool use_display_name = 17 [default = false];
  optional bool include_source_id = 27 [default = false];
  optional InputType input_type = 30 [default = TF_EXAMPLE];
  // For sequence inputs: which frame to use (-1 means all frames).
  optional int32 frame_index = 32 [default = -1];
  // Expand labels to ancestors/descendants using the label map hierarchy.
  optional bool expand_labels_hierarchy = 29 [default = false];
  optional bool load_dense_pose = 31 [default = false];
  optional bool load_track_id = 33 [default = false];
  optional bool load_context_features = 25 [default = false];
  optional bool load_context_image_ids = 36 [default = false];
  optional bool load_keypoint_depth_features = 37 [default = false];
  // Take keypoint names/ids from the label map file.
  optional bool use_keypoint_label_map = 38 [default = false];
  // Mixing weights when several input paths are sampled as separate datasets.
  repeated float sample_from_datasets_weights = 34;
  // Discard the last incomplete batch.
  optional bool drop_remainder = 35 [default = true];

  oneof input_reader {
    TFRecordInputReader tf_record_input_reader = 8;
    ExternalInputReader external_input_reader = 9;
  }
}

// Reads records from TFRecord files.
message TFRecordInputReader {
  // File paths or glob patterns.
  repeated string input_path = 1;
}

// Hook for readers defined in extensions of this message.
message ExternalInputReader {
  extensions 1 to 999;
}

"""#),
  BundledProto(
    path: "object_detection/protos/keypoint_box_coder.proto",
    text: #"""
// pipec schema: Faster R-CNN style encoding extended with keypoints.
syntax = "proto2";

package object_detection.protos;

message KeypointBoxCoder {
  optional int32 num_keypoints = 1;
  // Scales applied to center offsets (also used for keypoints) and sizes.
  optional float y_scale = 2 [default = 10.0];
  optional float x_scale = 3 [default = 10.0];
  optional float height_scale = 4 [default = 5.0];
  optional float width_scale = 5 [default = 5.0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/losses.proto",
    text: #"""
// pipec schema: localization and classification losses, hard example
// mining and sampling used by the detection heads.
syntax = "proto2";

package object_detection.protos;

message Loss {
  optional LocalizationLoss localization_loss = 1;
  optional ClassificationLoss classification_loss = 2;
  // Set to enable online hard example mining.
  optional HardExampleMiner hard_example_miner = 3;
  optional float classification_weight = 4 [default = 1.0];
  optional float localization_weight = 5 [default = 1.0];
  // Set to enable random sampling of anchors.
  optional RandomExampleSampler random_example_sampler = 6;

  // Equalization loss for long-tailed class distributions.
  message EqualizationLoss {
    optional float weight = 1 [default = 0.0];
    // Variable-name prefixes left out of the equalization term.
    repeated string exclude_prefixes = 2;
  }
  optional EqualizationLoss equalization_loss = 7;

  // How expected (instead of sampled) loss weights are computed.
  enum ExpectedLossWeights {
    // Sample explicitly.
    NONE = 0;
    EXPECTED_SAMPLING = 1;
    REWEIGHTING_UNMATCHED_ANCHORS = 2;
  }
  optional ExpectedLossWeights expected_loss_weights = 18 [default = NONE];
  // Only used when expected_loss_weights is not NONE.
  optional float min_num_negative_samples = 19 [default = 0];
  optional float desired_negative_sampling_ratio = 20 [default = 3];
}

message LocalizationLoss {
  oneof localization_loss {
    WeightedL2LocalizationLoss weighted_l2 = 1;
    WeightedSmoothL1LocalizationLoss weighted_smooth_l1 = 2;
    WeightedIOULocalizationLoss weighted_iou = 3;
    L1LocalizationLoss l1_localization_loss = 4;
    WeightedGIOULocalizationLoss weighted_giou = 5;
  }
}

message WeightedL2LocalizationLoss {
  // Obsolete switch kept for compatibility.
  optional bool anchorwise_output = 1 [default = false];
}

// Huber loss; quadratic below `delta`, linear above.
message WeightedSmoothL1LocalizationLoss {
  optional bool anchorwise_output = 1 [default = false];
  optional float delta = 2 [default = 1.0];
}

message WeightedIOULocalizationLoss {}

message L1LocalizationLoss {}

// Generalized IoU loss.
message WeightedGIOULocalizationLoss {}

message ClassificationLoss {
  oneof classification_loss {
    WeightedSigmoidClassificationLoss weighted_sigmoid = 1;
    WeightedSoftmaxClassificationLoss weighted_softmax = 2;
    WeightedSoftmaxClassificationAgainstLogitsLoss weighted_logits_softmax = 5;
    BootstrappedSigmoidClassificationLoss bootstrapped_sigmoid = 3;
    SigmoidFocalClassificationLoss weighted_sigmoid_focal = 4;
    PenaltyReducedLogisticFocalLoss penalty_reduced_logistic_focal_loss = 6;
    WeightedDiceClassificationLoss weighted_dice_classification_loss = 7;
  }
}

message WeightedSigmoidClassificationLoss {
  optional bool anchorwise_output = 1 [default = false];
}

// Focal loss (RetinaNet).
message SigmoidFocalClassificationLoss {
  optional bool anchorwise_output = 1 [default = false];
  // Focusing exponent.
  optional float gamma = 2 [default = 2.0];
  // Class balance weight; unset means no alpha weighting.
  optional float alpha = 3;
}

message WeightedSoftmaxClassificationLoss {
  optional bool anchorwise_output = 1 [default = false];
  // Logits are divided by this before the softmax (distillation).
  optional float logit_scale = 2 [default = 1.0];
}

// Softmax loss whose targets are themselves logits (e.g. from a teacher).
message WeightedSoftmaxClassificationAgainstLogitsLoss {
  optional bool anchorwise_output = 1 [default = false];
  optional float logit_scale = 2 [default = 1.0];
}

message BootstrappedSigmoidClassificationLoss {
  // Mix between the labels and the model's own predictions, in [0, 1].
  optional float alpha = 1;
  // Use only the top predicted class instead of all probabilities.
  optional bool hard_bootstrap = 2 [default = false];
  optional bool anchorwise_output = 3 [default = false];
}

// CenterNet heatmap focal loss with reduced penalty near the peaks.
message PenaltyReducedLogisticFocalLoss {
  optional float alpha = 1;
  optional float beta = 2;
}

message HardExampleMiner {
  // Examples kept per image before the negative:positive ratio is applied;
  // 0 keeps everything that survives NMS.
  optional int32 num_hard_examples = 1 [default = 64];
  optional float iou_threshold = 2 [default = 0.7];
  // Which loss ranks the examples.
  enum LossType {
    BOTH = 0;
    CLASSIFICATION = 1;
    LOCALIZATION = 2;
  }
  optional LossType loss_type = 3 [default = BOTH];
  // 0 means no ratio is enforced.
  optional int32 max_negatives_per_positive = 4 [default = 0];
  optional int32 min_negatives_per_image = 5 [default = 0];
}

message RandomExampleSampler {
  optional float positive_sample_fraction = 1 [default = 0.01];
}

// Dice loss, used for mask prediction.
message WeightedDiceClassificationLoss {
  // Square the probabilities in the normalizing denominator.
  optional bool squared_normalization = 1 [default = false];
  // The inputs are already probabilities rather than logits.
  optional bool is_prediction_probability = 2 [default = false];
}

"""#),
  BundledProto(
    path: "object_detection/protos/matcher.proto",
    text: #"""
// pipec schema: choice of matcher between anchors and groundtruth boxes.
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/argmax_matcher.proto";
import "object_detection/protos/bipartite_matcher.proto";

message Matcher {
  oneof matcher_oneof {
    ArgMaxMatcher argmax_matcher = 1;
    BipartiteMatcher bipartite_matcher = 2;
  }
}

"""#),
  BundledProto(
    path: "object_detection/protos/mean_stddev_box_coder.proto",
    text: #"""
// pipec schema: encodes box corners as offsets normalized by a stddev.
syntax = "proto2";

package object_detection.protos;

message MeanStddevBoxCoder {
  // Standard deviation that divides the corner offsets.
  optional float stddev = 1 [default = 0.01];
}

"""#),
  BundledProto(
    path: "object_detection/protos/model.proto",
    text: #"""
// pipec schema: selects the detection meta-architecture (SSD, Faster R-CNN,
// CenterNet or an externally registered experimental model).
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/center_net.proto";
import "object_detection/protos/faster_rcnn.proto";
import "object_detection/protos/ssd.proto";

// Exactly one meta-architecture is chosen per pipeline.
message DetectionModel {
  oneof model {
    FasterRcnn faster_rcnn = 1;
    Ssd ssd = 2;
    // A model built by a builder registered under `name` at runtime.
    ExperimentalModel experimental_model = 3;
    CenterNet center_net = 4;
  }
}

// Placeholder for a meta-architecture that is not described by this schema.
message ExperimentalModel {
  // Key looked up in the experimental builder registry.
  optional string name = 1;
}

"""#),
  BundledProto(
    path: "object_detection/protos/multiscale_anchor_generator.proto",
    text: #"""
// pipec schema: RetinaNet-style anchors on FPN levels.
syntax = "proto2";

package object_detection.protos;

message MultiscaleAnchorGenerator {
  // Pyramid levels covered (level L has stride 2^L).
  optional int32 min_level = 1 [default = 3];
  optional int32 max_level = 2 [default = 7];
  // Anchor size as a multiple of the level stride.
  optional float anchor_scale = 3 [default = 4.0];
  repeated float aspect_ratios = 4;
  // Intermediate scales per octave.
  optional int32 scales_per_octave = 5 [default = 2];
  // Output normalized [0, 1] coordinates instead of pixels.
  optional bool normalize_coordinates = 6 [default = true];
}

"""#),
  BundledProto(
    path: "object_detection/protos/optimizer.proto",
    text: #"""
// pipec schema: optimizers and learning-rate schedules used for training.
syntax = "proto2";

package object_detection.protos;

message Optimizer {
  oneof optimizer {
    RMSPropOptimizer rms_prop_optimizer = 1;
    MomentumOptimizer momentum_optimizer = 2;
    AdamOptimizer adam_optimizer = 3;
  }
  // Keep an exponential moving average of the weights.
  optional bool use_moving_average = 4 [default = true];
  optional float moving_average_decay = 5 [default = 0.9999];
}

message RMSPropOptimizer {
  optional LearningRate learning_rate = 1;
  optional float momentum_optimizer_value = 2 [default = 0.9];
  optional float decay = 3 [default = 0.9];
  optional float epsilon = 4 [default = 1.0];
}

// SGD with momentum.
message MomentumOptimizer {
  optional LearningRate learning_rate = 1;
  optional float momentum_optimizer_value = 2 [default = 0.9];
}

message AdamOptimizer {
  optional LearningRate learning_rate = 1;
  optional float epsilon = 2 [default = 1e-8];
}

// One of the supported learning-rate schedules.
message LearningRate {
  oneof learning_rate {
    ConstantLearningRate constant_learning_rate = 1;
    ExponentialDecayLearningRate exponential_decay_learning_rate = 2;
    ManualStepLearningRate manual_step_learning_rate = 3;
    CosineDecayLearningRate cosine_decay_learning_rate = 4;
  }
}

message ConstantLearningRate {
  optional float learning_rate = 1 [default = 0.002];
}

message ExponentialDecayLearningRate {
  optional float initial_learning_rate = 1 [default = 0.002];
  optional uint32 decay_steps = 2 [default = 4000000];
  optional float decay_factor = 3 [default = 0.95];
  // Decay in discrete jumps every decay_steps rather than continuously.
  optional bool staircase = 4 [default = true];
  // Constant rate used for the first burnin_steps steps (0 = no burn-in).
  optional float burnin_learning_rate = 5 [default = 0.0];
  optional uint32 burnin_steps = 6 [default = 0];
  // Floor for the decayed rate.
  optional float min_learning_rate = 7 [default = 0.0];
}

// Piecewise-constant schedule given as (step, rate) pairs.
message ManualStepLearningRate {
  optional float initial_learning_rate = 1 [default = 0.002];
  message LearningRateSchedule {
    // Global step from which learning_rate applies.
    optional uint32 step = 1;
    optional float learning_rate = 2 [default = 0.002];
  }
  repeated LearningRateSchedule schedule = 2;
  // Ramp linearly from the initial rate to the first scheduled rate.
  optional bool warmup = 3 [default = false];
}

// Cosine decay with an optional linear warm-up and hold period.
message CosineDecayLearningRate {
  optional float learning_rate_base = 1 [default = 0.002];
  optional uint32 total_steps = 2 [default = 4000000];
  optional float warmup_learning_rate = 3 [default = 0.0002];
  optional uint32 warmup_steps = 4 [default = 10000];
  // Steps to stay at learning_rate_base after warm-up.
  optional uint32 hold_base_rate_steps = 5 [default = 0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/pipeline.proto",
    text: #"""
// pipec schema: the root of a pipeline.config file, tying together the
// model, training, evaluation and input sections.
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/eval.proto";
import "object_detection/protos/graph_rewriter.proto";
import "object_detection/protos/input_reader.proto";
import "object_detection/protos/model.proto";
import "object_detection/protos/train.proto";

// Top-level message of a pipeline.config text file.
message TrainEvalPipelineConfig {
  optional DetectionModel model = 1;
  optional TrainConfig train_config = 2;
  optional InputReader train_input_reader = 3;
  optional EvalConfig eval_config = 4;
  // Several eval readers may be listed; each one is evaluated separately.
  repeated InputReader eval_input_reader = 5;
  optional GraphRewriter graph_rewriter = 6;
  // Room for tool-specific additions to the pipeline.
  extensions 1000 to max;
}

"""#),
  BundledProto(
    path: "object_detection/protos/post_processing.proto",
    text: #"""
// pipec schema: turning raw head outputs into final detections (score
// conversion, calibration and non-max suppression).
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/calibration.proto";

// Per-class NMS applied to a batch of images.
message BatchNonMaxSuppression {
  // Boxes scoring below this are dropped before NMS.
  optional float score_threshold = 1 [default = 0.0];
  optional float iou_threshold = 2 [default = 0.6];
  optional int32 max_detections_per_class = 3 [default = 100];
  optional int32 max_total_detections = 5 [default = 100];
  // Pad outputs to fixed sizes (needed on TPU).
  optional bool use_static_shapes = 6 [default = false];
  // Run a single NMS over all classes.
  optional bool use_class_agnostic_nms = 7 [default = false];
  // Only used with class-agnostic NMS.
  optional int32 max_classes_per_detection = 8 [default = 1];
  // Soft-NMS Gaussian sigma; 0 means ordinary hard NMS.
  optional float soft_nms_sigma = 9 [default = 0.0];
  optional bool use_partitioned_nms = 10 [default = false];
  // Use tf.image.combined_non_max_suppression.
  optional bool use_combined_nms = 11 [default = false];
  // Express boxes relative to the clip window.
  optional bool change_coordinate_frame = 12 [default = true];
  optional bool use_hard_nms = 13 [default = false];
  optional bool use_cpu_nms = 14 [default = false];
}

message PostProcessing {
  optional BatchNonMaxSuppression batch_non_max_suppression = 1;

  // Function turning logits into scores.
  enum ScoreConverter {
    IDENTITY = 0;
    SIGMOID = 1;
    SOFTMAX = 2;
  }
  optional ScoreConverter score_converter = 2 [default = IDENTITY];
  // Logits are divided by this before conversion.
  optional float logit_scale = 3 [default = 1.0];
  // Optional score calibration applied after conversion.
  optional CalibrationConfig calibration_config = 4;
}

"""#),
  BundledProto(
    path: "object_detection/protos/preprocessor.proto",
    text: #"""
// pipec schema: data augmentation / preprocessing operations that can be
// listed in TrainConfig.data_augmentation_options.
syntax = "proto2";

package object_detection.protos;

// One augmentation step; exactly one operation is set per step.
message PreprocessingStep {
  oneof preprocessing_step {
    NormalizeImage normalize_image = 1;
    RandomHorizontalFlip random_horizontal_flip = 2;
    RandomPixelValueScale random_pixel_value_scale = 3;
    RandomImageScale random_image_scale = 4;
    RandomRGBtoGray random_rgb_to_gray = 5;
    RandomAdjustBrightness random_adjust_brightness = 6;
    RandomAdjustContrast random_adjust_contrast = 7;
    RandomAdjustHue random_adjust_hue = 8;
    RandomAdjustSaturation random_adjust_saturation = 9;
    RandomDistortColor random_distort_color = 10;
    RandomJitterBoxes random_jitter_boxes = 11;
    RandomCropImage random_crop_image = 12;
    RandomPadImage random_pad_image = 13;
    RandomCropPadImage random_crop_pad_image = 14;
    RandomCropToAspectRatio random_crop_to_aspect_ratio = 15;
    RandomBlackPatches random_black_patches = 16;
    RandomResizeMethod random_resize_method = 17;
    ScaleBoxesToPixelCoordinates scale_boxes_to_pixel_coordinates = 18;
    ResizeImage resize_image = 19;
    SubtractChannelMean subtract_channel_mean = 20;
    SSDRandomCrop ssd_random_crop = 21;
    SSDRandomCropPad ssd_random_crop_pad = 22;
    SSDRandomCropFixedAspectRatio ssd_random_crop_fixed_aspect_ratio = 23;
    SSDRandomCropPadFixedAspectRatio ssd_random_crop_pad_fixed_aspect_ratio = 24;
    RandomVerticalFlip random_vertical_flip = 25;
    RandomRotation90 random_rotation90 = 26;
    RGBtoGray rgb_to_gray = 27;
    ConvertClassLogitsToSoftmax convert_class_logits_to_softmax = 28;
    RandomAbsolutePadImage random_absolute_pad_image = 29;
    RandomSelfConcatImage random_self_concat_image = 30;
    AutoAugmentImage autoaugment_image = 31;
    DropLabelProbabilistically drop_label_probabilistically = 32;
    RemapLabels remap_labels = 33;
    RandomJpegQuality random_jpeg_quality = 34;
    RandomDownscaleToTargetPixels random_downscale_to_target_pixels = 35;
    RandomPatchGaussian random_patch_gaussian = 36;
    RandomSquareCropByScale random_square_crop_by_scale = 37;
    RandomScaleCropAndPadToSquare random_scale_crop_and_pad_to_square = 38;
    AdjustGamma adjust_gamma = 39;
  }
}

// Linearly maps pixel values from [original_min, original_max] to
// [target_min, target_max].
message NormalizeImage {
  optional float original_minval = 1;
  optional float original_maxval = 2;
  optional float target_minval = 3 [default = 0];
  optional float target_maxval = 4 [default = 1];
}

// Mirrors left-right. The permutation says which keypoint index each
// keypoint becomes after flipping (e.g. left eye <-> right eye).
message RandomHorizontalFlip {
  repeated int32 keypoint_flip_permutation = 1;
  optional float probability = 2 [default = 0.5];
}

// Mirrors top-bottom; keypoint permutation as for the horizontal flip.
message RandomVerticalFlip {
  repeated int32 keypoint_flip_permutation = 1;
  optional float probability = 2 [default = 0.5];
}

// Rotates by 90 degrees counter-clockwise with the given probability.
message RandomRotation90 {
  repeated int32 keypoint_rot_permutation = 1;
  optional float probability = 2 [default = 0.5];
}

// Multiplies every pixel by a factor drawn from [minval, maxval].
message RandomPixelValueScale {
  optional float minval = 1 [default = 0.9];
  optional float maxval = 2 [default = 1.1];
}

// Rescales the whole image by a ratio drawn from the range.
message RandomImageScale {
  optional float min_scale_ratio = 1 [default = 0.5];
  optional float max_scale_ratio = 2 [default = 2.0];
}

message RandomRGBtoGray {
  optional float probability = 1 [default = 0.1];
}

message RandomAdjustBrightness {
  optional float max_delta = 1 [default = 0.2];
}

// Contrast factor drawn from [min_delta, max_delta].
message RandomAdjustContrast {
  optional float min_delta = 1 [default = 0.8];
  optional float max_delta = 2 [default = 1.25];
}

message RandomAdjustHue {
  optional float max_delta = 1 [default = 0.02];
}

// Saturation factor drawn from [min_delta, max_delta].
message RandomAdjustSaturation {
  optional float min_delta = 1 [default = 0.8];
  optional float max_delta = 2 [default = 1.25];
}

// Applies brightness/saturation/hue/contrast changes in a fixed order
// chosen by color_ordering.
message RandomDistortColor {
  optional int32 color_ordering = 1;
}

// Perturbs box corners by up to `ratio` of the box size.
message RandomJitterBoxes {
  optional float ratio = 1 [default = 0.05];
  // How the jitter may change a box.
  enum JitterMode {
    // Each corner moves independently.
    DEFAULT = 0;
    // Boxes only grow / only shrink.
    EXPAND = 1;
    SHRINK = 2;
    // Grow/shrink by the same amount on opposite sides.
    EXPAND_SYMMETRIC = 4;
    SHRINK_SYMMETRIC = 5;
    // Same, with one amount shared by the x and y axes.
    EXPAND_SYMMETRIC_XY = 6;
    SHRINK_SYMMETRIC_XY = 7;
  }
  optional JitterMode jitter_mode = 2 [default = DEFAULT];
}

// Random crop constrained by object coverage, aspect ratio and area
// (area is a fraction of the image).
message RandomCropImage {
  optional float min_object_covered = 1 [default = 1.0];
  optional float min_aspect_ratio = 2 [default = 0.75];
  optional float max_aspect_ratio = 3 [default = 1.33];
  optional float min_area = 4 [default = 0.1];
  optional float max_area = 5 [default = 1.0];
  // Boxes overlapping the crop by less than this are dropped.
  optional float overlap_thresh = 6 [default = 0.3];
  // Boxes are clipped to the crop window when true.
  optional bool clip_boxes = 8 [default = true];
  // Probability of returning the original image unchanged.
  optional float random_coef = 7 [default = 0.0];
}

// Pads the image to a random size in pixels, filling with pad_color.
message RandomPadImage {
  optional int32 min_image_height = 1;
  optional int32 min_image_width = 2;
  optional int32 max_image_height = 3;
  optional int32 max_image_width = 4;
  // RGB fill; when absent the image mean is used.
  repeated float pad_color = 5;
}

// Adds up to the given number of pixels of padding, anywhere around the image.
message RandomAbsolutePadImage {
  optional int32 max_height_padding = 1;
  optional int32 max_width_padding = 2;
  repeated float pad_color = 3;
}

// Random crop followed by random padding.
message RandomCropPadImage {
  optional float min_object_covered = 1 [default = 1.0];
  optional float min_aspect_ratio = 2 [default = 0.75];
  optional float max_aspect_ratio = 3 [default = 1.33];
  optional float min_area = 4 [default = 0.1];
  optional float max_area = 5 [default = 1.0];
  optional float overlap_thresh = 6 [default = 0.3];
  optional bool clip_boxes = 11 [default = true];
  optional float random_coef = 7 [default = 0.0];
  // Padded size relative to the cropped size, per dimension (two values).
  repeated float min_padded_size_ratio = 8;
  repeated float max_padded_size_ratio = 9;
  repeated float pad_color = 10;
}

// Crops to a fixed aspect ratio (width / height).
message RandomCropToAspectRatio {
  optional float aspect_ratio = 1 [default = 1.0];
  optional float overlap_thresh = 2 [default = 0.3];
  optional bool clip_boxes = 3 [default = true];
}

// Blacks out random square patches.
message RandomBlackPatches {
  optional int32 max_black_patches = 1 [default = 10];
  // Chance of adding each individual patch.
  optional float probability = 2 [default = 0.5];
  // Patch side as a fraction of the smaller image side.
  optional float size_to_image_ratio = 3 [default = 0.1];
}

// Resizes to the target size using a randomly picked interpolation.
message RandomResizeMethod {
  optional int32 target_height = 1;
  optional int32 target_width = 2;
}

// Converts to grayscale unconditionally.
message RGBtoGray {}

// Turns normalized box coordinates into pixel coordinates.
message ScaleBoxesToPixelCoordinates {}

// Deterministic resize to new_height x new_width pixels.
message ResizeImage {
  optional int32 new_height = 1;
  optional int32 new_width = 2;
  enum Method {
    AREA = 1;
    BICUBIC = 2;
    BILINEAR = 3;
    NEAREST_NEIGHBOR = 4;
  }
  optional Method method = 3 [default = BILINEAR];
}

// Subtracts a per-channel mean from the pixels.
message SubtractChannelMean {
  repeated float means = 1;
}

// One candidate crop configuration of the SSD-style random crop.
message SSDRandomCropOperation {
  optional float min_object_covered = 1;
  optional float min_aspect_ratio = 2;
  optional float max_aspect_ratio = 3;
  optional float min_area = 4;
  optional float max_area = 5;
  optional float overlap_thresh = 6;
  optional bool clip_boxes = 8 [default = true];
  optional float random_coef = 7;
}

// SSD paper style crop: one of `operations` is picked at random.
message SSDRandomCrop {
  repeated SSDRandomCropOperation operations = 1;
}

message SSDRandomCropPadOperation {
  optional float min_object_covered = 1;
  optional float min_aspect_ratio = 2;
  optional float max_aspect_ratio = 3;
  optional float min_area = 4;
  optional float max_area = 5;
  optional float overlap_thresh = 6;
  optional bool clip_boxes = 13 [default = true];
  optional float random_coef = 7;
  repeated float min_padded_size_ratio = 8;
  repeated float max_padded_size_ratio = 9;
  // RGB padding fill.
  optional float pad_color_r = 10;
  optional float pad_color_g = 11;
  optional float pad_color_b = 12;
}

message SSDRandomCropPad {
  repeated SSDRandomCropPadOperation operations = 1;
}

// Like SSDRandomCropOperation but the aspect ratio is fixed by the parent.
message SSDRandomCropFixedAspectRatioOperation {
  optional float min_object_covered = 1;
  optional float min_area = 4;
  optional float max_area = 5;
  optional float overlap_thresh = 6;
  optional bool clip_boxes = 8 [default = true];
  optional float random_coef = 7;
}

message SSDRandomCropFixedAspectRatio {
  repeated SSDRandomCropFixedAspectRatioOperation operations = 1;
  optional float aspect_ratio = 2 [default = 1.0];
}

message SSDRandomCropPadFixedAspectRatioOperation {
  optional float min_object_covered = 1;
  optional float min_aspect_ratio = 2;
  optional float max_aspect_ratio = 3;
  optional float min_area = 4;
  optional float max_area = 5;
  optional float overlap_thresh = 6;
  optional bool clip_boxes = 8 [default = true];
  optional float random_coef = 7;
}

// Crop then pad so that the result has `aspect_ratio`.
message SSDRandomCropPadFixedAspectRatio {
  repeated SSDRandomCropPadFixedAspectRatioOperation operations = 1;
  optional float aspect_ratio = 2 [default = 1.0];
  repeated float min_padded_size_ratio = 3;
  repeated float max_padded_size_ratio = 4;
}

// Treats the per-box class scores as logits and replaces them with softmax
// probabilities at the given temperature.
message ConvertClassLogitsToSoftmax {
  optional float temperature = 1 [default = 1.0];
}

// Concatenates the image with itself vertically and/or horizontally.
message RandomSelfConcatImage {
  optional float concat_vertical_probability = 1 [default = 0.1];
  optional float concat_horizontal_probability = 2 [default = 0.1];
}

// Applies a named AutoAugment policy.
message AutoAugmentImage {
  optional string policy_name = 1 [default = "v0"];
}

// Removes boxes of one class with the given probability.
message DropLabelProbabilistically {
  optional int32 label = 1;
  optional float drop_probability = 2 [default = 1.0];
}

// Rewrites every class id in original_labels to new_label.
message RemapLabels {
  repeated int32 original_labels = 1;
  optional int32 new_label = 2;
}

// Re-encodes the image with a random JPEG quality in [min, max].
message RandomJpegQuality {
  optional float random_coef = 1 [default = 0.0];
  optional int32 min_jpeg_quality = 2 [default = 0];
  optional int32 max_jpeg_quality = 3 [default = 100];
}

// Downscales so the image holds a random number of pixels in the range.
message RandomDownscaleToTargetPixels {
  optional float random_coef = 1 [default = 0.0];
  optional int32 min_target_pixels = 2 [default = 300000];
  optional int32 max_target_pixels = 3 [default = 500000];
}

// Adds Gaussian noise inside a random square patch (sizes in pixels).
message RandomPatchGaussian {
  optional float random_coef = 1 [default = 0.0];
  optional int32 min_patch_size = 2 [default = 1];
  optional int32 max_patch_size = 3 [default = 250];
  optional float min_gaussian_stddev = 4 [default = 0.0];
  optional float max_gaussian_stddev = 5 [default = 1.0];
}

// CenterNet-style square crop at a random scale.
message RandomSquareCropByScale {
  // Pixels kept clear of the border when picking the crop center.
  optional int32 max_border = 1 [default = 128];
  optional float scale_min = 2 [default = 0.6];
  optional float scale_max = 3 [default = 1.3];
  // Number of discrete scales between min and max.
  optional int32 num_scales = 4 [default = 8];
}

// Random scale, then crop/pad to an output_size x output_size square.
message RandomScaleCropAndPadToSquare {
  optional int32 output_size = 1 [default = 512];
  optional float scale_min = 2 [default = 0.1];
  optional float scale_max = 3 [default = 2.0];
}

// Gamma correction: out = gain * in ^ gamma.
message AdjustGamma {
  optional float gamma = 1 [default = 1.0];
  optional float gain = 2 [default = 1.0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/region_similarity_calculator.proto",
    text: #"""
// pipec schema: how the similarity between two boxes is measured during
// matching.
syntax = "proto2";

package object_detection.protos;

message RegionSimilarityCalculator {
  oneof region_similarity {
    NegSqDistSimilarity neg_sq_dist_similarity = 1;
    IouSimilarity iou_similarity = 2;
    IoaSimilarity ioa_similarity = 3;
    ThresholdedIouSimilarity thresholded_iou_similarity = 4;
  }
}

// Negative squared distance between box centers.
message NegSqDistSimilarity {}

// Intersection over union.
message IouSimilarity {}

// Intersection over the area of the second box.
message IoaSimilarity {}

// IoU set to zero below the threshold.
message ThresholdedIouSimilarity {
  optional float iou_threshold = 1 [default = 0.5];
}

"""#),
  BundledProto(
    path: "object_detection/protos/square_box_coder.proto",
    text: #"""
// pipec schema: encoding for square boxes (center plus one side length).
syntax = "proto2";

package object_detection.protos;

message SquareBoxCoder {
  optional float y_scale = 1 [default = 10.0];
  optional float x_scale = 2 [default = 10.0];
  // Scale for the encoded side length.
  optional float length_scale = 3 [default = 5.0];
}

"""#),
  BundledProto(
    path: "object_detection/protos/ssd.proto",
    text: #"""
// pipec schema: Single Shot Detector meta-architecture (SSD, RetinaNet,
// EfficientDet and other one-stage anchor-based models).
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/anchor_generator.proto";
import "object_detection/protos/box_coder.proto";
import "object_detection/protos/box_predictor.proto";
import "object_detection/protos/fpn.proto";
import "object_detection/protos/hyperparams.proto";
import "object_detection/protos/image_resizer.proto";
import "object_detection/protos/losses.proto";
import "object_detection/protos/matcher.proto";
import "object_detection/protos/post_processing.proto";
import "object_detection/protos/region_similarity_calculator.proto";

message Ssd {
  // Number of object classes, not counting background.
  optional int32 num_classes = 1;
  optional ImageResizer image_resizer = 2;
  optional SsdFeatureExtractor feature_extractor = 3;
  optional BoxCoder box_coder = 4;
  optional Matcher matcher = 5;
  optional RegionSimilarityCalculator similarity_calculator = 6;
  // Encode background targets as all zeros instead of one-hot class 0.
  optional bool encode_background_as_zeros = 12 [default = false];
  // Classification weight of negative anchors, in [0, 1].
  optional float negative_class_weight = 13 [default = 1.0];
  optional BoxPredictor box_predictor = 7;
  optional AnchorGenerator anchor_generator = 8;
  optional PostProcessing post_processing = 9;
  // Divide the loss by the number of matched anchors.
  optional bool normalize_loss_by_num_matches = 10 [default = true];
  // Also divide the localization loss by the box code length.
  optional bool normalize_loc_loss_by_codesize = 14 [default = false];
  optional Loss loss = 11;
  // Keep batch norm statistics frozen while training.
  optional bool freeze_batchnorm = 16 [default = false];
  // Update batch norm statistics in place (required on TPU).
  optional bool inplace_batchnorm_update = 15 [default = false];
  // Prepend an implicit background class to one-hot labels.
  optional bool add_background_class = 21 [default = true];
  // The labels already contain an explicit background class.
  optional bool explicit_background_class = 24 [default = false];
  // Use groundtruth confidences as classification targets.
  optional bool use_confidences_as_targets = 22 [default = false];
  optional float implicit_example_weight = 23 [default = 1.0];
  // Also return pre-NMS boxes and scores from predict().
  optional bool return_raw_detections_during_predict = 26 [default = false];

  // Optional instance mask head on top of SSD detections.
  message MaskHead {
    // Predicted mask size in pixels.
    optional int32 mask_height = 1 [default = 15];
    optional int32 mask_width = 2 [default = 15];
    optional bool masks_are_class_agnostic = 3 [default = true];
    // 0 lets the depth be derived from the features and class count.
    optional int32 mask_prediction_conv_depth = 4 [default = 256];
    optional int32 mask_prediction_num_conv_layers = 5 [default = 2];
    optional bool convolve_then_upsample_masks = 6 [default = false];
    optional float mask_loss_weight = 7 [default = 5.0];
    // Boxes sampled per image for the mask loss.
    optional int32 mask_loss_sample_size = 8 [default = 16];
    optional Hyperparams conv_hyperparams = 9;
    // ROI crop size (pixels) fed to the mask head.
    optional int32 initial_crop_size = 10 [default = 15];
  }
  optional MaskHead mask_head_config = 25;
}

message SsdFeatureExtractor {
  reserved 6;

  // Registered extractor name, e.g. "ssd_mobilenet_v2_keras".
  optional string type = 1;
  // Width multiplier on channel counts.
  optional float depth_multiplier = 2 [default = 1.0];
  // Lower bound on channel counts after the multiplier.
  optional int32 min_depth = 3 [default = 16];
  // Hyperparameters of the layers added on top of the backbone.
  optional Hyperparams conv_hyperparams = 4;
  // Apply conv_hyperparams to the backbone as well.
  optional bool override_base_feature_extractor_hyperparams = 9
      [default = false];
  // Input height/width are zero-padded up to a multiple of this.
  optional int32 pad_to_multiple = 5 [default = 1];
  optional bool use_explicit_padding = 7 [default = false];
  // Depthwise-separable convolutions for the extra feature maps.
  optional bool use_depthwise = 8 [default = false];

  oneof feature_pyramid_oneof {
    FeaturePyramidNetworks fpn = 10;
    BidirectionalFeaturePyramidNetworks bifpn = 19;
  }

  // Skip in-graph preprocessing (inputs are prepared outside the model).
  optional bool replace_preprocessor_with_placeholder = 11 [default = false];
  // Number of feature maps the extractor produces.
  optional int32 num_layers = 12 [default = 6];
  // Architecture name for SpaghettiNet extractors.
  optional string spaghettinet_arch_name = 20;
  // Use hard-swish activations where the backbone supports it.
  optional bool use_hardswish = 21 [default = false];
}

"""#),
  BundledProto(
    path: "object_detection/protos/ssd_anchor_generator.proto",
    text: #"""
// pipec schema: the multi-layer anchor layout of the original SSD paper.
syntax = "proto2";

package object_detection.protos;

message SsdAnchorGenerator {
  // Number of feature maps that receive anchors.
  optional int32 num_layers = 1 [default = 6];
  // Scales (fractions of the image) interpolated from min to max over layers.
  optional float min_scale = 2 [default = 0.2];
  optional float max_scale = 3 [default = 0.95];
  // Explicit per-layer scales; overrides min/max when given.
  repeated float scales = 12;
  repeated float aspect_ratios = 4;
  // Aspect ratio of the extra anchor placed between adjacent scales;
  // a value <= 0 leaves it out.
  optional float interpolated_scale_aspect_ratio = 13 [default = 1.0];
  // Use a reduced anchor set on the first layer.
  optional bool reduce_boxes_in_lowest_layer = 5 [default = true];
  // Base anchor size relative to the image.
  optional float base_anchor_height = 6 [default = 1.0];
  optional float base_anchor_width = 7 [default = 1.0];
  // Optional per-layer strides and offsets, in pixels.
  repeated int32 height_stride = 8;
  repeated int32 width_stride = 9;
  repeated int32 height_offset = 10;
  repeated int32 width_offset = 11;
}

"""#),
  BundledProto(
    path: "object_detection/protos/string_int_label_map.proto",
    text: #"""
// pipec schema: label map files (.pbtxt) mapping class names to integer
// ids, with optional display names, keypoints and hierarchy.
syntax = "proto2";

package object_detection.protos;

// Frequency bucket of a class in the LVIS dataset.
enum LVISFrequency {
  UNSPECIFIED = 0;
  FREQUENT = 1;
  COMMON = 2;
  RARE = 3;
}

message StringIntLabelMapItem {
  // Machine name of the class (often a dataset id such as a MID).
  optional string name = 1;
  // Class id; ids conventionally start at 1 (0 is background).
  optional int32 id = 2;
  // Human-readable class name.
  optional string display_name = 3;

  // A named keypoint belonging to this class.
  message KeypointMap {
    // Unique within the class; may be reused by other classes.
    optional int32 id = 1;
    optional string label = 2;
  }
  repeated KeypointMap keypoints = 4;

  // Ids of classes above / below this one in a class hierarchy.
  repeated int32 ancestor_ids = 5;
  repeated int32 descendant_ids = 6;

  // LVIS-only metadata.
  optional LVISFrequency frequency = 7;
  optional int32 instance_count = 8;
}

// Root message of a label map file.
message StringIntLabelMap {
  repeated StringIntLabelMapItem item = 1;
}

"""#),
  BundledProto(
    path: "object_detection/protos/target_assigner.proto",
    text: #"""
// pipec schema: bundle of matcher, similarity and box coder that assigns
// training targets to anchors.
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/box_coder.proto";
import "object_detection/protos/matcher.proto";
import "object_detection/protos/region_similarity_calculator.proto";

message TargetAssigner {
  optional Matcher matcher = 1;
  optional RegionSimilarityCalculator similarity_calculator = 2;
  optional BoxCoder box_coder = 3;
}

"""#),
  BundledProto(
    path: "object_detection/protos/train.proto",
    text: #"""
// pipec schema: training job settings (batching, optimizer, augmentation,
// checkpoint restore).
syntax = "proto2";

package object_detection.protos;

import "object_detection/protos/optimizer.proto";
import "object_detection/protos/preprocessor.proto";

// Layout of the checkpoint named by fine_tune_checkpoint.
enum CheckpointVersion {
  UNKNOWN = 0;
  // TF1 name-based (tf.train.Saver) checkpoint.
  V1 = 1;
  // TF2 object-based (tf.train.Checkpoint) checkpoint.
  V2 = 2;
}

message TrainConfig {
  // Global batch size; it is split across replicas/cores.
  optional uint32 batch_size = 1 [default = 32];
  // Augmentations applied, in order, to each training example.
  repeated PreprocessingStep data_augmentation_options = 2;
  optional bool sync_replicas = 3 [default = false];
  // Checkpoint retention interval, in hours.
  optional float keep_checkpoint_every_n_hours = 4 [default = 10000];
  optional Optimizer optimizer = 5;
  // Global-norm gradient clipping; 0 disables clipping.
  optional float gradient_clipping_by_norm = 6 [default = 0.0];
  // Checkpoint to initialize weights from; empty means train from scratch.
  optional string fine_tune_checkpoint = 7 [default = ""];
  // What the checkpoint contains, e.g. "classification", "detection",
  // "full" or "fine_tune"; decides which variables get restored.
  optional string fine_tune_checkpoint_type = 22 [default = ""];
  optional CheckpointVersion fine_tune_checkpoint_version = 28
      [default = V1];
  // Superseded by fine_tune_checkpoint_type.
  optional bool from_detection_checkpoint = 8
      [default = false, deprecated = true];
  // Restore every variable whose name and shape match the checkpoint.
  optional bool load_all_detection_checkpoint_vars = 19 [default = false];
  // Run a dummy step before restoring so that lazily created variables exist.
  optional bool run_fine_tune_checkpoint_dummy_computation = 30
      [default = true];
  // Training length in steps; 0 means no limit.
  optional uint32 num_steps = 9 [default = 0];
  // Steps to wait between starting successive replicas (0 with sync).
  optional float startup_delay_steps = 10 [default = 15];
  // Scale applied to bias gradients when > 0.
  optional float bias_grad_multiplier = 11 [default = 0];
  // Regexes selecting the variables to train (freeze_variables still wins).
  repeated string update_trainable_variables = 25;
  // Regexes selecting variables that must not be trained.
  repeated string freeze_variables = 12;
  optional int32 replicas_to_aggregate = 13 [default = 1];
  // TF1 queue settings that no longer have any effect.
  optional int32 batch_queue_capacity = 14 [default = 150, deprecated = true];
  optional int32 num_batch_queue_threads = 15 [default = 8, deprecated = true];
  optional int32 prefetch_queue_capacity = 16 [default = 5, deprecated = true];
  // Merge identical boxes carrying different labels (needs a sigmoid loss).
  optional bool merge_multiple_label_boxes = 17 [default = false];
  // Use per-box multiclass scores from the input as targets.
  optional bool use_multiclass_scores = 24 [default = false];
  // Include model regularization terms in the total loss.
  optional bool add_regularization_loss = 18 [default = true];
  // Moved to InputReader.max_number_of_boxes.
  optional int32 max_number_of_boxes = 20 [default = 100, deprecated = true];
  optional bool unpad_groundtruth_tensors = 21 [default = true];
  optional bool retain_original_images = 23 [default = false];
  // Train in bfloat16 (TPU only).
  optional bool use_bfloat16 = 26 [default = false];
  // Emit histogram summaries of gradients.
  optional bool summarize_gradients = 27 [default = false];
}

"""#),
]
